// /proc/vmstat: one "name value" pair per line, e.g. "pgfault 2320168809" or "nr_free_pages 977769".
// Values are decimal and may be negative on some kernels (per-cpu drift of nr_* gauges).
export interface VmstatField {
  readonly name: string;
  readonly value: number;
}

const LINE = /^([A-Za-z0-9_]+)\s+(-?\d+)\s*$/;

/** The fields of /proc/vmstat in file order; malformed lines are skipped, a file without any field throws. */
export function parseVmstat(text: string): VmstatField[] {
  const out: VmstatField[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line.trim());
    if (!m) continue;
    out.push({ name: m[1] as string, value: Number(m[2]) });
  }
  if (out.length === 0) throw new Error(`unexpected vmstat content: ${JSON.stringify(text.slice(0, 80))}`);
  return out;
}
