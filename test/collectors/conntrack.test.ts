import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { KernelFs } from '../../src/kernel/kernelFs.ts';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';

// Paths whose read fails with EACCES, as /proc/net/stat/nf_conntrack does for non-root users on some
// hardened kernels (a root test run cannot be denied by file modes).
const denied = new Set<string>();
const readTextSync = KernelFs.prototype.readTextSync;
vi.spyOn(KernelFs.prototype, 'readTextSync').mockImplementation(function (this: KernelFs, path: string): string {
  if (denied.has(path)) throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
  return readTextSync.call(this, path);
});

const NEW_HEADER = 'entries  clashres found new invalid ignore delete chainlength insert insert_failed drop early_drop icmp_error  expect_new expect_create expect_delete search_restart';

function procTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'lte-conntrack-'));
  mkdirSync(join(root, 'proc'));
  mkdirSync(join(root, 'sys'));
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, 'proc', rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return root;
}

function scrape(root: string): Promise<string> {
  return fixtureScraper([`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, `--path.rootfs=${root}`, '--collector.disable-defaults', '--collector.conntrack']).scrape();
}

const COUNT = 'sys/net/netfilter/nf_conntrack_count';
const MAX = 'sys/net/netfilter/nf_conntrack_max';
const STAT = 'net/stat/nf_conntrack';
const row = (v: string): string => Array<string>(17).fill(v).join(' ');

describe('conntrack collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.conntrack']).scrape();
    expectGolden('router/conntrack.prom', stable(text));
    // summed over the two CPUs, hex: invalid 0x1a3f4 + 0x187c2, early_drop 0x1f4 + 0x12c, search_restart 0x4c21 + 0x409d
    expect(samples(text, 'node_nf_conntrack_stat_invalid')).toEqual(['node_nf_conntrack_stat_invalid 207798']);
    expect(samples(text, 'node_nf_conntrack_stat_early_drop')).toEqual(['node_nf_conntrack_stat_early_drop 800']);
    expect(samples(text, 'node_nf_conntrack_stat_search_restart')).toEqual(['node_nf_conntrack_stat_search_restart 36030']);
    expect(samples(text, 'node_nf_conntrack_entries')).toEqual(['node_nf_conntrack_entries 1834']);
    expect(samples(text, 'node_nf_conntrack_entries_limit')).toEqual(['node_nf_conntrack_entries_limit 16384']);
  });

  it('reports no data (success 0, nothing exported) when nf_conntrack is not loaded', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), '--collector.disable-defaults', '--collector.conntrack']).scrape();
    expect(text).not.toMatch(/^node_nf_conntrack/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="conntrack"} 0']);
  });

  it('reports no data when only nf_conntrack_max is missing', async () => {
    const text = await scrape(procTree({ [COUNT]: '5\n', [STAT]: `${NEW_HEADER}\n${row('00000001')}\n` }));
    expect(text).not.toMatch(/^node_nf_conntrack/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="conntrack"} 0']);
  });

  it('fails on a garbled nf_conntrack_count', async () => {
    const text = await scrape(procTree({ [COUNT]: 'lots\n', [MAX]: '100\n', [STAT]: `${NEW_HEADER}\n${row('00000001')}\n` }));
    expect(text).not.toMatch(/^node_nf_conntrack/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="conntrack"} 0']);
  });

  it('serves entries and limit without the stat_* gauges when net/stat/nf_conntrack is missing', async () => {
    const text = await scrape(procTree({ [COUNT]: '5\n', [MAX]: '100\n' }));
    expect(samples(text, 'node_nf_conntrack_entries')).toEqual(['node_nf_conntrack_entries 5']);
    expect(samples(text, 'node_nf_conntrack_entries_limit')).toEqual(['node_nf_conntrack_entries_limit 100']);
    expect(text).not.toMatch(/^node_nf_conntrack_stat_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="conntrack"} 1']);
  });

  it('serves entries and limit without the stat_* gauges when net/stat/nf_conntrack is not readable', async () => {
    const root = procTree({ [COUNT]: '5\n', [MAX]: '100\n', [STAT]: `${NEW_HEADER}\n${row('00000001')}\n` });
    denied.add(join(root, 'proc', STAT));
    const text = await scrape(root);
    expect(samples(text, 'node_nf_conntrack_entries')).toEqual(['node_nf_conntrack_entries 5']);
    expect(text).not.toMatch(/^node_nf_conntrack_stat_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="conntrack"} 1']);
  });

  it('fails on a garbled net/stat/nf_conntrack', async () => {
    const text = await scrape(procTree({ [COUNT]: '5\n', [MAX]: '100\n', [STAT]: 'not a conntrack table\n' }));
    expect(text).not.toMatch(/^node_nf_conntrack/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="conntrack"} 0']);
  });

  it('skips a bad CPU line and sums the others', async () => {
    const text = await scrape(procTree({ [COUNT]: '5\n', [MAX]: '100\n', [STAT]: `${NEW_HEADER}\n${row('00000010')}\n0000zzzz\n${row('00000001')}\n` }));
    expect(samples(text, 'node_nf_conntrack_stat_found')).toEqual(['node_nf_conntrack_stat_found 17']);
  });

  it('follows the table between scrapes', async () => {
    const root = procTree({ [COUNT]: '5\n', [MAX]: '100\n', [STAT]: `${NEW_HEADER}\n${row('00000001')}\n` });
    const scraper = fixtureScraper([`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, '--collector.disable-defaults', '--collector.conntrack']);
    expect(samples(await scraper.scrape(), 'node_nf_conntrack_stat_drop')).toEqual(['node_nf_conntrack_stat_drop 1']);
    writeFileSync(join(root, 'proc', COUNT), '7\n');
    writeFileSync(join(root, 'proc', STAT), `${NEW_HEADER}\n${row('00000002')}\n${row('00000003')}\n`);
    const second = await scraper.scrape();
    expect(samples(second, 'node_nf_conntrack_entries')).toEqual(['node_nf_conntrack_entries 7']);
    expect(samples(second, 'node_nf_conntrack_stat_drop')).toEqual(['node_nf_conntrack_stat_drop 5']);
  });
});
