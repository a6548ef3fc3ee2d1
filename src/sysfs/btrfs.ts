// Btrfs's sysfs values (/sys/fs/btrfs/<uuid>/...), as prometheus/procfs's btrfs package reads them.
// Pure: the numbers of single-value attributes, commit_stats, and a layout's allocation ratio.
import { parseGoUint64Base10 } from '../goparse.ts';
import { fields, scanLines } from '../gostrings.ts';

/** A single-value attribute: strconv.ParseUint(s, 10, 64), 0 when it does not parse (procfs ignores the error). */
export function parseBtrfsValue(text: string): number {
  return Number(parseGoUint64Base10(text) ?? 0);
}

export interface BtrfsCommitStats {
  readonly commits: number;
  readonly lastCommitMs: number;
  readonly maxCommitMs: number;
  readonly totalCommitMs: number;
}

export const NO_COMMIT_STATS: BtrfsCommitStats = { commits: 0, lastCommitMs: 0, maxCommitMs: 0, totalCommitMs: 0 };

/** commit_stats (Linux 6.0+): "<key> <value>" lines; throws on a line that is not two words or a bad value. */
export function parseBtrfsCommitStats(text: string): BtrfsCommitStats {
  const s = { ...NO_COMMIT_STATS };
  for (const line of scanLines(text)) {
    const parts = fields(line);
    if (parts.length !== 2) throw new Error(`invalid commit_stats line ${JSON.stringify(line)}`);
    const v = parseGoUint64Base10(parts[1] as string);
    if (v === undefined) throw new Error(`error parsing commit_stats line ${JSON.stringify(line)}`);
    const n = Number(v);
    if (parts[0] === 'commits') s.commits = n;
    else if (parts[0] === 'last_commit_ms') s.lastCommitMs = n;
    else if (parts[0] === 'max_commit_ms') s.maxCommitMs = n;
    else if (parts[0] === 'total_commit_ms') s.totalCommitMs = n;
  }
  return s;
}

/** Raw bytes per usable byte of a block group profile (procfs's calcRatio); 0 for one it does not know. */
export function btrfsAllocationRatio(mode: string, devices: number): number {
  switch (mode) {
    case 'single':
    case 'raid0':
      return 1;
    case 'dup':
    case 'raid1':
    case 'raid10':
      return 2;
    case 'raid1c3':
      return 3;
    case 'raid1c4':
      return 4;
    case 'raid5':
      return devices / (devices - 1);
    case 'raid6':
      return devices / (devices - 2);
    default:
      return 0;
  }
}
