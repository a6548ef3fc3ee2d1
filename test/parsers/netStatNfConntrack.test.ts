import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNetStatNfConntrack, sumConntrackColumn } from '../../src/procfs/netStatNfConntrack.ts';
import { CONFORMANCE, FIXTURES } from '../helpers/scrape.ts';

const OLD_HEADER = 'entries  searched found new invalid ignore delete delete_list insert insert_failed drop early_drop icmp_error  expect_new expect_create expect_delete search_restart';
const NEW_HEADER = 'entries  clashres found new invalid ignore delete chainlength insert insert_failed drop early_drop icmp_error  expect_new expect_create expect_delete search_restart';

function sums(text: string): Record<string, bigint | undefined> {
  const stat = parseNetStatNfConntrack(text);
  const out: Record<string, bigint | undefined> = {};
  for (const c of ['found', 'invalid', 'ignore', 'insert', 'insert_failed', 'drop', 'early_drop', 'search_restart']) out[c] = sumConntrackColumn(stat, c);
  return out;
}

describe('parseNetStatNfConntrack', () => {
  it('parses the router fixture (kernel 6.x header, 2 CPUs)', () => {
    const stat = parseNetStatNfConntrack(readFileSync(join(FIXTURES, 'router/proc/net/stat/nf_conntrack'), 'utf8'));
    expect(stat.columns).toEqual(NEW_HEADER.split(/\s+/));
    expect(stat.cpus).toHaveLength(2);
    expect(stat.cpus[0]?.get('clashres')).toBe(0x13n);
    expect(stat.cpus[1]?.get('icmp_error')).toBe(0xa9n);
    expect(sums(readFileSync(join(FIXTURES, 'router/proc/net/stat/nf_conntrack'), 'utf8'))).toEqual({
      found: 3n,
      invalid: 0x1a3f4n + 0x187c2n,
      ignore: 0n,
      insert: 0n,
      insert_failed: 4n,
      drop: 1n,
      early_drop: 0x1f4n + 0x12cn,
      search_restart: 0x4c21n + 0x409dn,
    });
  });

  it.skipIf(!existsSync(join(CONFORMANCE, 'proc/net/stat/nf_conntrack')))("parses node_exporter's fixture (old header, 4 CPUs)", () => {
    const s = sums(readFileSync(join(CONFORMANCE, 'proc/net/stat/nf_conntrack'), 'utf8'));
    expect(s).toEqual({ found: 0n, invalid: 53n, ignore: 89738n, insert: 0n, insert_failed: 0n, drop: 0n, early_drop: 0n, search_restart: 7n });
  });

  it('sums counters exactly, whatever their size', () => {
    const row = ['ffffffff', ...Array<string>(15).fill('0'), 'ffffffffffffffff'].join(' ');
    const s = sums(`${OLD_HEADER}\n${row}\n${row}\n`);
    expect(s.search_restart).toBe(2n * 0xffffffffffffffffn);
  });

  it('leaves out a column the kernel does not have (16 columns before 2.6.35)', () => {
    const header = OLD_HEADER.replace(' search_restart', '');
    const stat = parseNetStatNfConntrack(`${header}\n${Array<string>(16).fill('00000001').join(' ')}\n`);
    expect(sumConntrackColumn(stat, 'search_restart')).toBeUndefined();
    expect(sumConntrackColumn(stat, 'found')).toBe(1n);
  });

  it('reads columns by header name, not by position', () => {
    const stat = parseNetStatNfConntrack('entries found extra_new\n00000005 0000000a 000000ff\n');
    expect(sumConntrackColumn(stat, 'found')).toBe(10n);
    expect(sumConntrackColumn(stat, 'extra_new')).toBe(255n);
    expect(sumConntrackColumn(stat, 'invalid')).toBeUndefined();
  });

  it('skips malformed CPU lines and keeps the good ones', () => {
    const good = Array<string>(17).fill('00000002').join(' ');
    const short = Array<string>(16).fill('00000001').join(' ');
    const notHex = [...Array<string>(16).fill('00000001'), '0000zz01'].join(' ');
    const s = sums(`${NEW_HEADER}\n${short}\n${good}\n${notHex}\n\n${good}\n`);
    expect(s.found).toBe(4n);
  });

  it.each([
    ['empty', ''],
    ['header only (truncated)', `${NEW_HEADER}\n`],
    ['no header', `${Array<string>(17).fill('00000001').join(' ')}\n`],
    ['garbage', 'hello world\n1 2\n'],
    ['all lines malformed', `${NEW_HEADER}\nzz\n00000001 00000002\n`],
  ])('rejects %s', (_name, text) => {
    expect(() => parseNetStatNfConntrack(text)).toThrow(/nf_conntrack stat/);
  });
});
