import { describe, expect, it } from 'vitest';
import { btrfsAllocationRatio, parseBtrfsCommitStats, parseBtrfsValue } from '../../src/sysfs/btrfs.ts';

describe('parseBtrfsValue', () => {
  it.each([
    ['16777216', 16777216],
    ['0', 0],
    ['', 0],
    ['-1', 0],
    ['12k', 0],
  ])('%j -> %d (0 when it does not parse, as procfs)', (s, v) => {
    expect(parseBtrfsValue(s)).toBe(v);
  });
});

describe('parseBtrfsCommitStats', () => {
  it('reads the four counters and ignores other keys', () => {
    expect(parseBtrfsCommitStats('commits 258051\nlast_commit_ms 1000\nmax_commit_ms 51462\ntotal_commit_ms 47836090\nfuture_ms 3\n')).toEqual({
      commits: 258051,
      lastCommitMs: 1000,
      maxCommitMs: 51462,
      totalCommitMs: 47836090,
    });
  });
  it.each([
    ['three words', 'commits 1 2\n', /invalid commit_stats line/],
    ['an empty line', 'commits 1\n\n', /invalid commit_stats line/],
    ['a bad value', 'commits x\n', /error parsing commit_stats/],
  ])('throws on %s', (_, text, err) => {
    expect(() => parseBtrfsCommitStats(text)).toThrow(err);
  });
});

describe('btrfsAllocationRatio', () => {
  it.each([
    ['single', 2, 1],
    ['raid0', 2, 1],
    ['dup', 1, 2],
    ['raid1', 2, 2],
    ['raid10', 4, 2],
    ['raid1c3', 3, 3],
    ['raid1c4', 4, 4],
    ['raid5', 4, 4 / 3],
    ['raid6', 4, 2],
    ['raid5', 1, Infinity],
    ['weird', 2, 0],
  ])('%s on %d devices: %d', (mode, n, want) => {
    expect(btrfsAllocationRatio(mode, n)).toBe(want);
  });
});
