// /proc/stat: per-CPU time in USER_HZ ticks plus kernel-wide counters.
//
//   cpu  301854 612 111922 8979004 3552 2 3944 0 44 36
//   cpu0 44490 19 21045 1087069 220 1 3410 0 2 1
//   intr 8885917 17 0 0 ...
//   ctxt 38014093
//   btime 1418183276
//   processes 26442
//   procs_running 2
//   procs_blocked 0
//   softirq 5057579 250191 1481983 1647 211099 186066 0 1783454 622196 12499 508444
//
// The number of fields on a cpu line depends on the kernel (steal came with 2.6.11, guest with 2.6.24,
// guest_nice with 2.6.33): fields the kernel does not write are 0, fields past guest_nice are ignored.

/** USER_HZ: the kernel reports /proc/stat times in 1/100 s on every architecture. */
export const USER_HZ = 100;

/** Seconds a CPU spent in each mode. */
export interface CpuTimes {
  readonly user: number;
  readonly nice: number;
  readonly system: number;
  readonly idle: number;
  readonly iowait: number;
  readonly irq: number;
  readonly softirq: number;
  readonly steal: number;
  readonly guest: number;
  readonly guestNice: number;
}

export const CPU_TIME_FIELDS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'guest', 'guestNice'] as const;

/** The vectors of the softirq line, in the kernel's order, with node_exporter's names for them. */
export const SOFTIRQ_VECTORS = ['hi', 'timer', 'net_tx', 'net_rx', 'block', 'block_iopoll', 'tasklet', 'sched', 'hrtimer', 'rcu'] as const;

export interface SoftirqStat {
  readonly total: number;
  /** Per-vector counts, as many as the kernel wrote (up to SOFTIRQ_VECTORS.length). */
  readonly vectors: readonly { readonly name: string; readonly value: number }[];
}

export interface Stat {
  /** Summed times of all CPUs (the "cpu" line), if present. */
  readonly total: CpuTimes | undefined;
  /** Per-CPU times by CPU number; offline CPUs have no line. */
  readonly cpus: ReadonlyMap<number, CpuTimes>;
  /** Interrupts serviced (first number of the intr line). */
  readonly intrTotal: number | undefined;
  readonly contextSwitches: number | undefined;
  /** Boot time, seconds since the epoch. */
  readonly bootTime: number | undefined;
  /** Forks since boot (the processes line). */
  readonly processes: number | undefined;
  readonly procsRunning: number | undefined;
  readonly procsBlocked: number | undefined;
  readonly softirq: SoftirqStat | undefined;
}

const UINT = /^\d+$/;
const TICKS = /^\d+(?:\.\d+)?$/;

function uint(s: string | undefined): number | undefined {
  return s !== undefined && UINT.test(s) ? Number(s) : undefined;
}

/** The times of one cpu line, or undefined if any of its first ten fields is not a number or there is none. */
function parseCpuTimes(fields: readonly string[]): CpuTimes | undefined {
  const values: number[] = [];
  for (let i = 0; i < CPU_TIME_FIELDS.length; i++) {
    const f = fields[i];
    if (f === undefined) {
      values.push(0);
      continue;
    }
    if (!TICKS.test(f)) return undefined;
    values.push(Number(f) / USER_HZ);
  }
  const [user, nice, system, idle, iowait, irq, softirq, steal, guest, guestNice] = values as [number, number, number, number, number, number, number, number, number, number];
  return { user, nice, system, idle, iowait, irq, softirq, steal, guest, guestNice };
}

function parseSoftirq(fields: readonly string[]): SoftirqStat | undefined {
  const total = uint(fields[0]);
  if (total === undefined) return undefined;
  const vectors: { name: string; value: number }[] = [];
  for (let i = 0; i < SOFTIRQ_VECTORS.length; i++) {
    const f = fields[i + 1];
    if (f === undefined) break;
    const v = uint(f);
    if (v === undefined) return undefined;
    vectors.push({ name: SOFTIRQ_VECTORS[i] as string, value: v });
  }
  return { total, vectors };
}

/**
 * Parses /proc/stat. Malformed lines are skipped; a file in which no line could be understood throws.
 */
export function parseStat(text: string): Stat {
  let total: CpuTimes | undefined;
  const cpus = new Map<number, CpuTimes>();
  let intrTotal: number | undefined;
  let contextSwitches: number | undefined;
  let bootTime: number | undefined;
  let processes: number | undefined;
  let procsRunning: number | undefined;
  let procsBlocked: number | undefined;
  let softirq: SoftirqStat | undefined;
  let understood = 0;

  const SIMPLE: Readonly<Record<string, (v: number) => void>> = {
    intr: (v) => (intrTotal = v),
    ctxt: (v) => (contextSwitches = v),
    btime: (v) => (bootTime = v),
    processes: (v) => (processes = v),
    procs_running: (v) => (procsRunning = v),
    procs_blocked: (v) => (procsBlocked = v),
  };

  for (const line of text.split('\n')) {
    const parts = line.trim().split(/\s+/);
    const key = parts[0];
    if (key === undefined || parts.length < 2) continue;
    const rest = parts.slice(1);
    const simple = Object.hasOwn(SIMPLE, key) ? SIMPLE[key] : undefined;
    if (simple) {
      // intr carries the per-IRQ counts after the total; only the total is kept.
      const v = uint(rest[0]);
      if (v === undefined) continue;
      simple(v);
      understood++;
    } else if (key === 'softirq') {
      const s = parseSoftirq(rest);
      if (!s) continue;
      softirq = s;
      understood++;
    } else if (key.startsWith('cpu')) {
      const times = parseCpuTimes(rest);
      if (!times) continue;
      if (key === 'cpu') {
        total = times;
      } else {
        const id = uint(key.slice(3));
        if (id === undefined) continue;
        cpus.set(id, times);
      }
      understood++;
    }
  }

  if (understood === 0) throw new Error(`unexpected /proc/stat content: ${JSON.stringify(text.slice(0, 80))}`);
  return { total, cpus, intrTotal, contextSwitches, bootTime, processes, procsRunning, procsBlocked, softirq };
}
