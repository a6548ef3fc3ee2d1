// One-value files under /proc/sys (nf_conntrack_count, entropy_avail, ...): a decimal unsigned integer
// and a newline, read the way node_exporter's readUintFromFile does (trimmed, base 10, no sign).
const UINT = /^\d+$/;

/** The value of a one-number sysctl file as a float64 (Go: float64(uint64)); throws on anything else. */
export function parseSysctlUint(text: string, what: string): number {
  const t = text.trim();
  if (!UINT.test(t) || BigInt(t) > 0xffff_ffff_ffff_ffffn) {
    throw new Error(`unexpected ${what} content: ${JSON.stringify(text.slice(0, 80))}`);
  }
  return Number(t);
}
