// Files under /proc/sys. One-value files (nf_conntrack_count, entropy_avail, ...): a decimal unsigned integer
// and a newline, read the way node_exporter's readUintFromFile does (trimmed, base 10, no sign).
import { parseGoInt } from '../goparse.ts';
import { fields } from '../gostrings.ts';

const UINT = /^\d+$/;

/** The value of a one-number sysctl file as a float64 (Go: float64(uint64)); throws on anything else. */
export function parseSysctlUint(text: string, what: string): number {
  const t = text.trim();
  if (!UINT.test(t) || BigInt(t) > 0xffff_ffff_ffff_ffffn) {
    throw new Error(`unexpected ${what} content: ${JSON.stringify(text.slice(0, 80))}`);
  }
  return Number(t);
}

/**
 * A sysctl's values as procfs's SysctlInts reads them: the white-space separated fields, each an
 * integer in Go's base-0 syntax (strconv.ParseInt(s, 0, 64)); throws on the first that is not.
 */
export function parseSysctlInts(text: string, name: string): number[] {
  return fields(text).map((f, i) => {
    const v = parseGoInt(f);
    if (v === undefined) throw new Error(`field ${i} in sysctl ${name} is not a valid int: ${JSON.stringify(f.slice(0, 40))}`);
    return v;
  });
}
