import { describe, expect, it } from 'vitest';
import { parseSlabinfo } from '../../src/procfs/slabinfo.ts';

const HEAD = `slabinfo - version: 2.1
# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
`;

describe('parseSlabinfo', () => {
  it('reads the 2.1 columns node_exporter uses and skips the two header lines', () => {
    const text = `${HEAD}nf_conntrack         612    850    320   25    2 : tunables    0    0    0 : slabdata     34     34      0
kmalloc-128         2624   2624    128   32    1 : tunables    0    0    0 : slabdata     82     82      0
`;
    expect(parseSlabinfo(text)).toEqual([
      { name: 'nf_conntrack', activeObjects: 612, objects: 850, objectSize: 320, objectsPerSlab: 25, pagesPerSlab: 2 },
      { name: 'kmalloc-128', activeObjects: 2624, objects: 2624, objectSize: 128, objectsPerSlab: 32, pagesPerSlab: 1 },
    ]);
  });
  it('reads the headers alone as no slabs', () => {
    expect(parseSlabinfo(HEAD)).toEqual([]);
  });
  it.each([
    ['a short line', `${HEAD}kmalloc-8 1 2 3\n`, /unable to parse slabinfo line/],
    ['leading white space (an empty name field, 17 fields)', `${HEAD} kmalloc-8 1 1 8 512 1 : tunables 0 0 0 : slabdata 1 1 0\n`, /unable to parse slabinfo line/],
    ['a count that is not a number', `${HEAD}kmalloc-8 x 1 8 512 1 : tunables 0 0 0 : slabdata 1 1 0\n`, /invalid number in slabinfo line/],
    ['a tunable that is not a number', `${HEAD}kmalloc-8 1 1 8 512 1 : tunables 0 zero 0 : slabdata 1 1 0\n`, /invalid number in slabinfo line/],
    ['a blank line', `${HEAD}\n`, /unable to parse slabinfo line/],
  ])('fails on %s', (_name, text, err) => {
    expect(() => parseSlabinfo(text)).toThrow(err);
  });
});
