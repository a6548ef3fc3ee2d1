import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDiskstats } from '../../src/procfs/diskstats.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const BASE = {
  readsCompleted: 1,
  readsMerged: 2,
  sectorsRead: 3,
  readTimeMs: 4,
  writesCompleted: 5,
  writesMerged: 6,
  sectorsWritten: 7,
  writeTimeMs: 8,
  ioInProgress: 9,
  ioTimeMs: 10,
  weightedIoTimeMs: 11,
};
const NO_EXTRA = { discardsCompleted: undefined, discardsMerged: undefined, sectorsDiscarded: undefined, discardTimeMs: undefined, flushRequests: undefined, flushTimeMs: undefined };
const DISCARDS = { discardsCompleted: 12, discardsMerged: 13, sectorsDiscarded: 14, discardTimeMs: 15 };

function counters(n: number): string {
  return Array.from({ length: n }, (_, i) => String(i + 1)).join(' ');
}

describe('parseDiskstats', () => {
  it('parses the router fixture (kernel 6.6, 20 fields)', () => {
    const disks = parseDiskstats(readFileSync(join(FIXTURES, 'router/proc/diskstats'), 'utf8'));
    expect(disks).toHaveLength(19);
    expect(disks.every((d) => d.flushTimeMs !== undefined)).toBe(true);
    expect(disks.map((d) => d.name)).toContain('ubiblock0_1');
    expect(disks.find((d) => d.name === 'mmcblk0')).toEqual({
      major: 179,
      minor: 0,
      name: 'mmcblk0',
      readsCompleted: 1893456,
      readsMerged: 10234,
      sectorsRead: 98234512,
      readTimeMs: 1734561,
      writesCompleted: 34567890,
      writesMerged: 8765432,
      sectorsWritten: 4398046511,
      writeTimeMs: 98765432,
      ioInProgress: 1,
      ioTimeMs: 31234567,
      weightedIoTimeMs: 100654321,
      discardsCompleted: 123456,
      discardsMerged: 12,
      sectorsDiscarded: 3456789012,
      discardTimeMs: 45678,
      flushRequests: 2345678,
      flushTimeMs: 567890,
    });
  });

  it.each([
    ['14 fields (before 4.18)', counters(11), { ...BASE, ...NO_EXTRA }],
    ['15 fields (one discard counter)', counters(12), { ...BASE, ...NO_EXTRA, discardsCompleted: 12 }],
    ['18 fields (4.18+, discards)', counters(15), { ...BASE, ...NO_EXTRA, ...DISCARDS }],
    ['20 fields (5.5+, flushes)', counters(17), { ...BASE, ...DISCARDS, flushRequests: 16, flushTimeMs: 17 }],
    ['more than 20 fields (extra ignored)', counters(19), { ...BASE, ...DISCARDS, flushRequests: 16, flushTimeMs: 17 }],
  ])('reads a line with %s', (_n, rest, expected) => {
    expect(parseDiskstats(`   8       0 sda ${rest}\n`)).toEqual([{ major: 8, minor: 0, name: 'sda', ...expected }]);
  });

  it('reads counters above 2^32 exactly and above 2^53 as the nearest double', () => {
    const [d] = parseDiskstats(' 179 0 mmcblk0 4294967297 2 9007199254740993 4 5 6 7 8 9 10 11\n');
    expect(d?.readsCompleted).toBe(4294967297);
    expect(d?.sectorsRead).toBe(9007199254740992);
  });

  it.each([
    ['13 fields', `   8 0 sda ${counters(10)}`],
    ['a non-numeric counter', '   8 0 sda 1 2 3 x 5 6 7 8 9 10 11'],
    ['a non-numeric discard counter', '   8 0 sda 1 2 3 4 5 6 7 8 9 10 11 12 x 14 15'],
    ['a negative counter', '   8 0 sda 1 2 3 -4 5 6 7 8 9 10 11'],
    ['a non-numeric major', `   x 0 sda ${counters(11)}`],
    ['a truncated line', '   8       0 sd'],
  ])('skips a line with %s and keeps the others', (_n, line) => {
    expect(parseDiskstats(`${line}\n 179 0 mmcblk0 ${counters(11)}\n`).map((d) => d.name)).toEqual(['mmcblk0']);
  });

  it('returns nothing for an empty file (no block devices)', () => {
    expect(parseDiskstats('')).toEqual([]);
    expect(parseDiskstats('\n')).toEqual([]);
  });

  it.each([
    ['garbage', 'this is not diskstats\n'],
    ['only short lines', '   8 0 sda 1 2 3\n'],
  ])('throws on %s input', (_n, text) => {
    expect(() => parseDiskstats(text)).toThrow(/unexpected diskstats/);
  });
});
