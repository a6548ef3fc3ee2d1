import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXfrmStat } from '../../src/procfs/xfrmStat.ts';
import { FIXTURES } from '../helpers/scrape.ts';

describe('parseXfrmStat', () => {
  it('parses the router xfrm_stat (kernel 6.6: 28 counters)', () => {
    const s = parseXfrmStat(readFileSync(join(FIXTURES, 'router/proc/net/xfrm_stat'), 'utf8'));
    expect(s.values.size).toBe(28);
    expect(s.malformed.size).toBe(0);
    expect(s.values.get('XfrmInNoPols')).toBe(112);
    expect(s.values.get('XfrmInError')).toBe(0);
  });
  it('keeps counters newer kernels add (6.10: XfrmInStateDirError)', () => {
    expect([...parseXfrmStat('XfrmInStateDirError     \t4\n').values]).toEqual([['XfrmInStateDirError', 4]]);
  });
  it.each([
    ['a missing value', 'XfrmInError\n'],
    ['an extra field', 'XfrmInError 1 2\n'],
    ['a float', 'XfrmInError 1.5\n'],
    ['beyond int64 (strconv.Atoi)', 'XfrmInError 9223372036854775808\n'],
  ])('records %s as malformed, keeps the other lines', (_name, bad) => {
    const s = parseXfrmStat(`${bad}XfrmOutError 3\n`);
    expect([...s.malformed]).toEqual(['XfrmInError']);
    expect([...s.values]).toEqual([['XfrmOutError', 3]]);
  });
  it('reads nothing from an empty file', () => {
    expect(parseXfrmStat('')).toEqual({ values: new Map(), malformed: new Set() });
  });
});
