import { describe, expect, it } from 'vitest';
import { parseZoneinfo } from '../../src/procfs/zoneinfo.ts';

const TEXT = `Node 0, zone      DMA
  per-node stats
      nr_inactive_anon 3021
      nr_active_anon 9843
      nr_dirtied   1402
  pages free     20742
        min      1011
        low      1263
        high     1515
        spanned  131072
        present  131072
        managed  122897
        protection: (0, 0, 0)
      nr_free_pages 20742
      numa_hit     bogus
  pagesets
    cpu: 0
              count: 12
Node 0, zone   Normal
  pages free     0
        min      0
        spanned  0
        protection: (0, 0, x)
Node 1, zone  Movable
        protection: (1, 2)
        protection: (3, y)
`;

describe('parseZoneinfo', () => {
  it('reads each zone block, its keys, and its protection array', () => {
    const zones = parseZoneinfo(TEXT);
    expect(zones.map((z) => [z.node, z.zone])).toEqual([
      ['0', 'DMA'],
      ['0', 'Normal'],
      ['1', 'Movable'],
    ]);
    const dma = zones[0]!;
    expect(Object.fromEntries(dma.values)).toEqual({
      nr_inactive_anon: 3021,
      nr_active_anon: 9843,
      nr_dirtied: 1402,
      min: 1011,
      low: 1263,
      high: 1515,
      spanned: 131072,
      present: 131072,
      managed: 122897,
      nr_free_pages: 20742,
      // procfs's ValueParser.PInt64 gives a pointer to 0 for a value it cannot parse
      numa_hit: 0,
    });
    expect(dma.protection).toEqual([0, 0, 0]);
  });
  it('keeps no protection when a number is bad, and an earlier good one over a later bad one', () => {
    const zones = parseZoneinfo(TEXT);
    expect(zones[1]!.protection).toBeUndefined();
    expect(Object.fromEntries(zones[1]!.values)).toEqual({ min: 0, spanned: 0 });
    expect(zones[2]!.protection).toEqual([1, 2]);
  });
  it('reads base-0 integers (procfs ParseInt(s, 0, 64))', () => {
    expect(parseZoneinfo('Node 0, zone DMA\n  min 0x10\n  low 010\n')[0]!.values).toEqual(new Map([['min', 16], ['low', 8]]));
  });
  it('keeps a block without a Node line, as procfs does (it yields no metrics: no node or zone)', () => {
    expect(parseZoneinfo('')).toEqual([{ node: '', zone: '', values: new Map(), protection: undefined }]);
    expect(parseZoneinfo('garbage\n\u0000\u0001 x y\n')[0]!.node).toBe('');
  });
});
