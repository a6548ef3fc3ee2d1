// The kernel's CPU list format (/sys/devices/system/cpu/{isolated,online,offline,possible}):
// "0-3", "1,3-5,9", or an empty line when the set is empty.

/** Hard limit on the CPUs one list may name, so a corrupt "0-4294967295" cannot allocate gigabytes. */
const MAX_CPUS = 1 << 16;

/** CPU numbers named by a CPU list, ascending and without duplicates. Malformed items are skipped. */
export function parseCpuList(text: string): number[] {
  const out = new Set<number>();
  for (const raw of text.trim().split(',')) {
    const item = raw.trim();
    const m = /^(\d+)(?:-(\d+))?$/.exec(item);
    if (!m) continue;
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    if (last < first || last >= MAX_CPUS) continue;
    for (let c = first; c <= last; c++) out.add(c);
  }
  return [...out].sort((a, b) => a - b);
}
