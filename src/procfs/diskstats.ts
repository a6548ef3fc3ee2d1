// /proc/diskstats: "major minor name" then the I/O counters of Documentation/admin-guide/iostats.rst.
// 11 counters before 4.18, 15 with the discard counters (4.18+), 17 with the flush counters (5.5+);
// lines of 14, 18 and 20 fields in all. Times are milliseconds, sectors are 512 bytes.
export interface DiskStats {
  readonly major: number;
  readonly minor: number;
  readonly name: string;
  readonly readsCompleted: number;
  readonly readsMerged: number;
  readonly sectorsRead: number;
  readonly readTimeMs: number;
  readonly writesCompleted: number;
  readonly writesMerged: number;
  readonly sectorsWritten: number;
  readonly writeTimeMs: number;
  readonly ioInProgress: number;
  readonly ioTimeMs: number;
  readonly weightedIoTimeMs: number;
  // The fields below exist only on newer kernels; a line has a prefix of them.
  readonly discardsCompleted?: number;
  readonly discardsMerged?: number;
  readonly sectorsDiscarded?: number;
  readonly discardTimeMs?: number;
  readonly flushRequests?: number;
  readonly flushTimeMs?: number;
}

/** The per-device counters in file order, after major, minor and name. */
export const DISKSTATS_FIELDS = [
  'readsCompleted',
  'readsMerged',
  'sectorsRead',
  'readTimeMs',
  'writesCompleted',
  'writesMerged',
  'sectorsWritten',
  'writeTimeMs',
  'ioInProgress',
  'ioTimeMs',
  'weightedIoTimeMs',
  'discardsCompleted',
  'discardsMerged',
  'sectorsDiscarded',
  'discardTimeMs',
  'flushRequests',
  'flushTimeMs',
] as const;

export type DiskStatsField = (typeof DISKSTATS_FIELDS)[number];

const UINT = /^\d+$/;
/** Fewer counters than this (14 fields with major, minor and name) is not a diskstats line. */
const MIN_COUNTERS = 11;

/**
 * Parses /proc/diskstats. Lines with fewer than 14 fields or a non-numeric value among the fields read
 * are skipped; fields after the 20th are ignored. An empty file (no block devices) gives no records;
 * throws if the file has content but no usable line.
 */
export function parseDiskstats(text: string): DiskStats[] {
  const out: DiskStats[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 3 + MIN_COUNTERS) continue;
    const [major, minor, name] = f;
    if (major === undefined || minor === undefined || name === undefined || !UINT.test(major) || !UINT.test(minor)) continue;
    const counters = f.slice(3, 3 + DISKSTATS_FIELDS.length);
    if (!counters.every((x) => UINT.test(x))) continue;
    const n = counters.map(Number);
    const at = (i: number): number => n[i] ?? 0; // only used below MIN_COUNTERS, which the length check guarantees
    out.push({
      major: Number(major),
      minor: Number(minor),
      name,
      readsCompleted: at(0),
      readsMerged: at(1),
      sectorsRead: at(2),
      readTimeMs: at(3),
      writesCompleted: at(4),
      writesMerged: at(5),
      sectorsWritten: at(6),
      writeTimeMs: at(7),
      ioInProgress: at(8),
      ioTimeMs: at(9),
      weightedIoTimeMs: at(10),
      discardsCompleted: n[11],
      discardsMerged: n[12],
      sectorsDiscarded: n[13],
      discardTimeMs: n[14],
      flushRequests: n[15],
      flushTimeMs: n[16],
    });
  }
  if (out.length === 0 && text.trim() !== '') throw new Error(`unexpected diskstats content: ${JSON.stringify(text.slice(0, 80))}`);
  return out;
}
