// /proc/net/softnet_stat: one line per CPU of hexadecimal 32-bit counters. The column count depends on
// the kernel (prometheus/procfs's net_softnet.go):
//   2.6.23+  9 columns: processed dropped time_squeeze 0 0 0 0 0 cpu_collision
//   2.6.39+ 10 columns: + received_rps
//   4.18+   11 columns: + flow_limit_count
//   5.14+   13 columns: + softnet_backlog_len, cpu index (later kernels append more columns)
// Without the index column, the CPU is the line's position in the file.
import { parseGoHexUint32 } from '../goparse.ts';

export interface SoftnetStat {
  readonly processed: number;
  readonly dropped: number;
  readonly timeSqueezed: number;
  readonly cpuCollision: number;
  readonly receivedRps: number;
  readonly flowLimitCount: number;
  readonly backlogLen: number;
  /** The CPU this line belongs to. */
  readonly index: number;
  /** Number of columns of the line. */
  readonly width: number;
}

const MIN_COLUMNS = 9;

/** The line's counters, or undefined if it has too few columns or a column that is not 32-bit hex. */
function parseLine(line: string, position: number): SoftnetStat | undefined {
  const cols = line.trim().split(/\s+/);
  const width = cols.length;
  if (width < MIN_COLUMNS) return undefined;
  const used = cols.slice(0, Math.min(width, 13)).map(parseGoHexUint32);
  if (used.some((v) => v === undefined)) return undefined;
  const col = (i: number): number => (i < used.length ? (used[i] as number) : 0);
  return {
    processed: col(0),
    dropped: col(1),
    timeSqueezed: col(2),
    cpuCollision: col(8),
    receivedRps: width >= 10 ? col(9) : 0,
    flowLimitCount: width >= 11 ? col(10) : 0,
    backlogLen: width >= 13 ? col(11) : 0,
    index: width >= 13 ? col(12) : position,
    width,
  };
}

/**
 * Parses the file. A malformed line is skipped but still counts as a CPU position (so the CPUs after it
 * keep their numbers on kernels without the index column). Throws when the text is not empty and no
 * line is usable.
 */
export function parseSoftnet(text: string): SoftnetStat[] {
  const stats: SoftnetStat[] = [];
  let position = 0;
  let nonEmpty = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    nonEmpty++;
    const s = parseLine(line, position);
    position++;
    if (s) stats.push(s);
  }
  if (nonEmpty > 0 && stats.length === 0) throw new Error(`unexpected softnet_stat content: ${JSON.stringify(text.slice(0, 80))}`);
  return stats;
}
