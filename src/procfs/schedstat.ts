// /proc/schedstat (version 15): per-CPU scheduler statistics, read as prometheus/procfs's Schedstat does.
//   cpu0 498494191 0 3533438552 2553969831 3853684107 2465731542 2045936778163039 343796328169361 4767485306
// Of the nine numbers the last three are: time spent running tasks (ns), time tasks spent waiting to
// run (ns), and the number of timeslices run. "domainN" lines and the header are ignored.
export interface SchedstatCpu {
  /** The N of "cpuN", as text (it is a label value). */
  readonly cpu: string;
  readonly runningNanoseconds: number;
  readonly waitingNanoseconds: number;
  readonly timeslices: number;
}

// procfs matches this (unanchored, single spaces) on each line and takes the 7th to 9th numbers.
const CPU_LINE = /cpu(\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)/;

/** The cpuN lines of /proc/schedstat; other lines are skipped, a file without any cpu line throws. */
export function parseSchedstat(text: string): SchedstatCpu[] {
  const out: SchedstatCpu[] = [];
  for (const line of text.split('\n')) {
    const m = CPU_LINE.exec(line);
    if (!m) continue;
    out.push({ cpu: m[1] as string, runningNanoseconds: Number(m[8]), waitingNanoseconds: Number(m[9]), timeslices: Number(m[10]) });
  }
  if (out.length === 0) throw new Error(`unexpected schedstat content: ${JSON.stringify(text.slice(0, 80))}`);
  return out;
}
