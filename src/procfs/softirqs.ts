// /proc/softirqs: one row per softirq vector, one column per possible CPU.
//
//                     CPU0       CPU1
//           HI:          7          1
//        TIMER:     424191     108342
//       NET_TX:       2301       2430

export interface SoftirqsRow {
  /** The vector as the kernel names it: HI, TIMER, NET_TX, NET_RX, BLOCK, IRQ_POLL, TASKLET, SCHED, HRTIMER, RCU. */
  readonly type: string;
  /** Counts by column (the n-th column is the n-th CPU of the header). */
  readonly perCpu: readonly number[];
}

export interface Softirqs {
  /** Column names from the header line ("CPU0", "CPU1", ...). */
  readonly cpus: readonly string[];
  readonly rows: readonly SoftirqsRow[];
}

const ROW_KEY = /^([A-Z][A-Z0-9_]*):$/;
const UINT = /^\d+$/;

/** Parses /proc/softirqs; rows with a non-numeric count are skipped; a file with no usable row throws. */
export function parseSoftirqs(text: string): Softirqs {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  let cpus: string[] = [];
  const rows: SoftirqsRow[] = [];
  for (const [i, line] of lines.entries()) {
    const parts = line.trim().split(/\s+/);
    if (i === 0 && !line.includes(':')) {
      cpus = parts;
      continue;
    }
    const m = ROW_KEY.exec(parts[0] ?? '');
    const values = parts.slice(1);
    if (!m || values.length === 0 || !values.every((v) => UINT.test(v))) continue;
    rows.push({ type: m[1] as string, perCpu: values.map(Number) });
  }
  if (rows.length === 0) throw new Error(`unexpected /proc/softirqs content: ${JSON.stringify(text.slice(0, 80))}`);
  return { cpus, rows };
}
