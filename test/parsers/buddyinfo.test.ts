import { describe, expect, it } from 'vitest';
import { parseBuddyinfo } from '../../src/procfs/buddyinfo.ts';

describe('parseBuddyinfo', () => {
  it('reads node, zone and the free blocks of each order', () => {
    const text = 'Node 0, zone      DMA      1      0      1      0      2      1      1      0      1      1      3 \nNode 0, zone    DMA32    759    572    791    475    194     45     12      0      0      0      0 \n';
    expect(parseBuddyinfo(text)).toEqual([
      { node: '0', zone: 'DMA', sizes: [1, 0, 1, 0, 2, 1, 1, 0, 1, 1, 3] },
      { node: '0', zone: 'DMA32', sizes: [759, 572, 791, 475, 194, 45, 12, 0, 0, 0, 0] },
    ]);
  });
  it('reads an empty file as no zones, and a zone without orders', () => {
    expect(parseBuddyinfo('')).toEqual([]);
    expect(parseBuddyinfo('Node 1, zone Normal\n')).toEqual([{ node: '1', zone: 'Normal', sizes: [] }]);
  });
  it.each([
    ['a short line', 'Node 0, zone\n', /invalid number of fields/],
    ['a blank line', 'Node 0, zone DMA 1 2\n\nNode 0, zone Normal 3 4\n', /invalid number of fields/],
    ['a different number of orders', 'Node 0, zone DMA 1 2\nNode 0, zone Normal 3 4 5\n', /mismatch in number of buddyinfo buckets, previous count 2, new count 3/],
    ['a count that is not a number', 'Node 0, zone DMA 1 two\n', /invalid value in buddyinfo/],
  ])('fails on %s', (_name, text, err) => {
    expect(() => parseBuddyinfo(text)).toThrow(err);
  });
});
