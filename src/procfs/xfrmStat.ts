// /proc/net/xfrm_stat (CONFIG_XFRM_STATISTICS): IPsec transformation error counters, one per line,
//   XfrmInError             	0
//   XfrmInBufferError       	0
// as prometheus/procfs's XfrmStat reads them (strconv.Atoi values).
import { parseGoInt64Base10 } from '../goparse.ts';
import { fields } from '../gostrings.ts';

export interface XfrmStat {
  /** Counters by the kernel's name ("XfrmInError"), in file order. */
  readonly values: ReadonlyMap<string, number>;
  /** Names whose line could not be read (not two fields, or not an integer). */
  readonly malformed: ReadonlySet<string>;
}

/** Every counter of the file; a malformed line is recorded, not fatal (procfs fails the whole file). */
export function parseXfrmStat(text: string): XfrmStat {
  const values = new Map<string, number>();
  const malformed = new Set<string>();
  for (const line of text.split('\n')) {
    const f = fields(line);
    if (f.length === 0) continue;
    const [name, raw] = f as [string, string | undefined];
    const v = f.length === 2 && raw !== undefined ? parseGoInt64Base10(raw) : undefined;
    if (v === undefined) malformed.add(name);
    else values.set(name, v);
  }
  return { values, malformed };
}
