import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVmstat } from '../../src/procfs/vmstat.ts';
import { FIXTURES } from '../helpers/scrape.ts';

describe('parseVmstat', () => {
  it('parses the router fixture in file order', () => {
    const fields = parseVmstat(readFileSync(join(FIXTURES, 'router/proc/vmstat'), 'utf8'));
    expect(fields).toHaveLength(115);
    expect(fields[0]).toEqual({ name: 'nr_free_pages', value: 131524 });
    expect(fields.find((f) => f.name === 'pgfault')).toEqual({ name: 'pgfault', value: 12884901919 });
    expect(fields.find((f) => f.name === 'oom_kill')).toEqual({ name: 'oom_kill', value: 2 });
  });
  it.each([
    ['a negative per-cpu drift', 'nr_zone_write_pending -3\n', [{ name: 'nr_zone_write_pending', value: -3 }]],
    ['a value above 2^53, rounded as Go rounds float64(uint64)', 'pgfault 9007199254740993\n', [{ name: 'pgfault', value: 9007199254740992 }]],
    ['no trailing newline, extra blanks', '  pgpgin   12  \npgpgout 34', [{ name: 'pgpgin', value: 12 }, { name: 'pgpgout', value: 34 }]],
  ])('parses %s', (_name, text, expected) => {
    expect(parseVmstat(text)).toEqual(expected);
  });
  it('skips malformed lines and keeps the others', () => {
    const text = 'pgpgin 1\npgpgout\npswpin x\npswpout 1 2\n= 5\npgfault 7\n';
    expect(parseVmstat(text)).toEqual([
      { name: 'pgpgin', value: 1 },
      { name: 'pgfault', value: 7 },
    ]);
  });
  it.each([
    ['empty', ''],
    ['garbage', 'this is not vmstat\n'],
    ['binary', '\u0000\u0001\u0002'],
  ])('rejects %s input', (_name, text) => {
    expect(() => parseVmstat(text)).toThrow(/unexpected vmstat content/);
  });
});
