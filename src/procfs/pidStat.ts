// /proc/<pid>/stat and /proc/<pid>/task/<tid>/stat: one line of space-separated fields, the second of
// which (comm) is in parentheses and may itself hold spaces and parentheses.
//   1 (procd) S 0 1 1 0 -1 4194560 1204 58340 3 112 41 162 360 620 20 0 1 0 9 2306048 ...
// Only what the processes collector needs: the state letter (field 3) and num_threads (field 20).
export interface PidStat {
  readonly pid: number;
  readonly comm: string;
  /** R, S, D, T, t, X, Z, P, I, ... as the kernel prints it. */
  readonly state: string;
  readonly numThreads: number;
}

/** Parses one stat file; throws when its content is not a stat line. */
export function parsePidStat(text: string): PidStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const pid = text.slice(0, Math.max(open, 0)).trim();
  if (open < 0 || close < open || !/^\d+$/.test(pid)) throw new Error(`unexpected stat content: ${JSON.stringify(text.slice(0, 80))}`);
  const rest = text.slice(close + 1).trim().split(/\s+/);
  // After the comm: state (field 3) ... num_threads (field 20), i.e. rest[0] and rest[17].
  const state = rest[0];
  const threads = rest[17];
  if (state === undefined || !/^[A-Za-z]$/.test(state) || threads === undefined || !/^-?\d+$/.test(threads)) {
    throw new Error(`unexpected stat content: ${JSON.stringify(text.slice(0, 80))}`);
  }
  return { pid: Number(pid), comm: text.slice(open + 1, close), state, numThreads: Number(threads) };
}
