// node_processes_* from /proc/<pid>/stat, /proc/<pid>/task/<tid>/stat, /proc/sys/kernel/threads-max
// and /proc/sys/kernel/pid_max (node_exporter's collector/processes_linux.go). Off by default: it reads
// one file per process and one per thread.
import { join } from 'node:path';
import type { CollectorDefinition, CollectorContext } from '../collector.ts';
import { errnoCode } from '../kernel/readErrors.ts';
import { parsePidStat } from '../procfs/pidStat.ts';
import type { PidStat } from '../procfs/pidStat.ts';
import { parseSysctlUint } from '../procfs/sysctlValue.ts';

/** A process or thread that exited between the directory listing and the read. */
function vanished(err: unknown): boolean {
  const code = errnoCode(err);
  return code === 'ENOENT' || code === 'ESRCH';
}

/** The numeric entries of a /proc-like directory (procfs's AllProcs), ascending. */
function numericEntries(ctx: CollectorContext, dir: string): number[] {
  return ctx.kernel
    .listSync(dir)
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .sort((a, b) => a - b);
}

/** One stat file: its record, 'gone' when the task exited, 'bad' when its content does not parse. */
function readStat(ctx: CollectorContext, path: string): PidStat | 'gone' | 'bad' {
  let text: string;
  try {
    text = ctx.kernel.readTextSync(path);
  } catch (err) {
    if (vanished(err)) return 'gone';
    throw new Error(`error reading ${path}: ${(err as Error).message}`);
  }
  try {
    return parsePidStat(text);
  } catch (err) {
    ctx.log.debug('skipping unparsable stat file', { path, err: (err as Error).message });
    return 'bad';
  }
}

/** What one process contributes: its state, thread count and the states of its threads. */
interface ProcessInfo {
  readonly state: string;
  readonly numThreads: number;
  readonly threadStates: readonly string[];
}

/**
 * Reads one process and the states of its threads; undefined when it is gone or unparsable. /proc/<pid>
 * files are made from kernel memory: read synchronously, one at a time (no descriptor stays open).
 */
function readProcess(ctx: CollectorContext, pid: number): ProcessInfo | undefined {
  const dir = ctx.kernel.proc(String(pid));
  const stat = readStat(ctx, join(dir, 'stat'));
  if (typeof stat === 'string') return undefined;
  const threadStates: string[] = [];
  let tids: number[];
  try {
    tids = numericEntries(ctx, join(dir, 'task'));
  } catch (err) {
    if (vanished(err)) return { state: stat.state, numThreads: stat.numThreads, threadStates };
    throw new Error(`error reading tasks of pid ${pid}: ${(err as Error).message}`);
  }
  for (const tid of tids) {
    // The main thread's state is the process's.
    if (tid === pid) {
      threadStates.push(stat.state);
      continue;
    }
    const ts = readStat(ctx, join(dir, 'task', String(tid), 'stat'));
    if (typeof ts !== 'string') threadStates.push(ts.state);
  }
  return { state: stat.state, numThreads: stat.numThreads, threadStates };
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

export const processes: CollectorDefinition = {
  name: 'processes',
  defaultEnabled: false,
  help: 'Exposes aggregate process statistics from /proc.',
  create: () => ({
    async update(ctx) {
      const infos = numericEntries(ctx, ctx.kernel.proc()).map((pid) => readProcess(ctx, pid));
      // Totals in PID order, so the state series come out in a stable order.
      const t = { pids: 0, threads: 0, states: new Map<string, number>(), threadStates: new Map<string, number>() };
      for (const p of infos) {
        if (p === undefined) continue;
        t.pids++;
        t.threads += p.numThreads;
        bump(t.states, p.state);
        for (const s of p.threadStates) bump(t.threadStates, s);
      }
      const maxThreads = parseSysctlUint(ctx.kernel.readTextSync(ctx.kernel.proc('sys', 'kernel', 'threads-max')), 'threads-max');
      const pidMax = parseSysctlUint(ctx.kernel.readTextSync(ctx.kernel.proc('sys', 'kernel', 'pid_max')), 'pid_max');

      ctx.gauge('node_processes_threads', 'Allocated threads in system').set(t.threads);
      ctx.gauge('node_processes_max_threads', 'Limit of threads in the system').set(maxThreads);
      const states = ctx.gauge('node_processes_state', 'Number of processes in each state.', ['state']);
      for (const [s, n] of t.states) states.set(n, s);
      if (t.threadStates.size > 0) {
        const ts = ctx.gauge('node_processes_threads_state', 'Number of threads in each state.', ['thread_state']);
        for (const [s, n] of t.threadStates) ts.set(n, s);
      }
      ctx.gauge('node_processes_pids', 'Number of PIDs').set(t.pids);
      ctx.gauge('node_processes_max_processes', 'Number of max PIDs limit').set(pidMax);
    },
  }),
};
