// /proc/meminfo: one "Key:   value [kB]" line per field, e.g. "Active(anon):      2380 kB" or
// "HugePages_Total:       4" (a count, no unit).
export interface MeminfoEntry {
  /** The key as the kernel prints it, without the colon: "MemTotal", "Active(anon)", "HugePages_Total". */
  readonly key: string;
  /** The number as printed (kB for lines with a unit). */
  readonly value: number;
  /** 'kB' for sizes, undefined for plain counts. */
  readonly unit: 'kB' | undefined;
}

const LINE = /^([^\s:]+):\s*(\d+)(?:\s+(\S+))?\s*$/;

/** Parses /proc/meminfo; malformed lines (and units other than kB) are skipped. Throws if no line is usable. */
export function parseMeminfo(text: string): MeminfoEntry[] {
  const out: MeminfoEntry[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [, key, digits, unit] = m;
    if (key === undefined || digits === undefined) continue;
    if (unit !== undefined && unit !== 'kB') continue;
    out.push({ key, value: Number(digits), unit });
  }
  if (out.length === 0) throw new Error(`unexpected meminfo content: ${JSON.stringify(text.slice(0, 80))}`);
  return out;
}
