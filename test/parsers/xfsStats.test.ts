import { describe, expect, it } from 'vitest';
import { parseXfsStats } from '../../src/sysfs/xfsStats.ts';

// A Linux 6.x file: every label of the kernel's xfs_stats_format, including the 64-bit ones.
const STATS = `extent_alloc 1 872 0 0
abt 0 0 0 0
blk_map 61 29 1 1 1 91 0
bmbt 0 0 0 0
dir 3 2 1 52
trans 4 40 0
ig 5 1 0 4 0 0 1
log 8 21 0 5821 4
push_ail 44 0 1102 15 0 2 0 2 0 2
xstrat 1 0
rw 28 7
attr 0 0 0 0
icluster 2 2 2
vnodes 4 0 0 0 1 1 1 0
buf 22 25 14 0 0 8 0 8 8
abtb2 1 1 0 0 0 0 0 0 0 0 0 0 0 0 0
abtc2 2 1 1 1 0 0 0 0 0 0 0 0 0 0 0
bmbt2 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
ibt2 3 3 0 0 0 0 0 0 0 0 0 0 0 0 0
fibt2 3 3 0 0 0 0 0 0 0 0 0 0 0 0 0
rmapbt 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
refcntbt 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
rmapbt_mem 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
rcbagbt 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
qm 0 0 0 0 0 0 0 0 0
xpc 3571712 3568056 18446744073709551615
defer_relog 12
gc xpc 5
debug 0
`;

describe('parseXfsStats', () => {
  it('reads the counters node_exporter exports', () => {
    expect(parseXfsStats(STATS)).toEqual({
      extentAlloc: [1, 872, 0, 0],
      abt: [0, 0, 0, 0],
      blkMap: [61, 29, 1, 1, 1, 91, 0],
      bmbt: [0, 0, 0, 0],
      dir: [3, 2, 1, 52],
      ig: [5, 1, 0, 4, 0, 0, 1],
      rw: [28, 7],
      vnodes: [4, 0, 0, 0, 1, 1, 1],
    });
  });
  it('takes old kernels’ vnodes line of 7 values, ignores unknown labels and short lines, and zeroes what is absent', () => {
    const s = parseXfsStats('vnodes 1 2 3 4 5 6 7\nnewthing 1 2 3\ngc 5\nlonely\n\n');
    expect(s.vnodes).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(s.extentAlloc).toEqual([0, 0, 0, 0]);
    expect(parseXfsStats('')).toEqual(parseXfsStats('\n'));
  });
  it.each([
    ['a negative value', 'rw -1 2\n'],
    ['a value beyond 32 bits', 'rw 4294967296 2\n'],
    ['a word in an unknown label', 'newthing 1 x\n'],
    ['too few values', 'rw 1\n'],
    ['too many values', 'extent_alloc 1 2 3 4 5\n'],
    ['vnodes of 9 values', 'vnodes 1 2 3 4 5 6 7 8 9\n'],
    ['an exported label of a known but unexported kind with the wrong count', 'abtb2 1 2\n'],
    ['xpc of two values', 'xpc 1 2\n'],
    ['a bad 64-bit value', 'xpc 1 2 -3\n'],
    ['gc xpc without a value', 'gc xpc\n'],
    ['zoned with too few values', 'zoned 1 2\n'],
  ])('throws on %s (procfs fails the whole file)', (_, text) => {
    expect(() => parseXfsStats(text)).toThrow(/xfs stats/);
  });
});
