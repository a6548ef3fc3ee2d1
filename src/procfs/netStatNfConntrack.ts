// /proc/net/stat/nf_conntrack (CONFIG_NF_CONNTRACK_PROCFS): a header naming the columns, then one line of
// hexadecimal 32-bit counters per possible CPU. The columns differ between kernels: 2.6.35+ added
// search_restart (17 columns); 5.x renamed searched -> clashres and delete_list -> chainlength, and
// writes 0 in the retired new/ignore/delete columns. The names read by the conntrack collector (found,
// invalid, ignore, insert, insert_failed, drop, early_drop, search_restart) sit at the same positions in
// every version, so looking them up by header name gives what node_exporter's positional parse gives.
//   entries  clashres found new invalid ignore delete chainlength insert insert_failed drop early_drop icmp_error  expect_new expect_create expect_delete search_restart
//   0000072a  00000013 00000002 00000000 0001a3f4 00000000 00000000 00000000 00000000 00000003 ...

export interface ConntrackStat {
  /** Column names from the header, in file order. */
  readonly columns: readonly string[];
  /** One row per CPU: column name -> counter value (exact, as bigint). */
  readonly cpus: readonly ReadonlyMap<string, bigint>[];
}

const HEX = /^[0-9a-fA-F]+$/;
const NAME = /^[a-z_]+$/;

/**
 * Parses the file. A data line with the wrong number of fields or a non-hex field is skipped; a missing or
 * garbled header, or no usable data line at all, throws.
 */
export function parseNetStatNfConntrack(text: string): ConntrackStat {
  const lines = text.split('\n');
  const columns = (lines[0] ?? '').trim().split(/\s+/);
  if (columns[0] !== 'entries' || columns.length < 2 || !columns.every((c) => NAME.test(c)) || new Set(columns).size !== columns.length) {
    throw new Error(`unexpected nf_conntrack stat header: ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`);
  }
  const cpus: Map<string, bigint>[] = [];
  for (const line of lines.slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length !== columns.length || !fields.every((f) => HEX.test(f))) continue;
    const row = new Map<string, bigint>();
    columns.forEach((c, i) => row.set(c, BigInt(`0x${fields[i] as string}`)));
    cpus.push(row);
  }
  if (cpus.length === 0) throw new Error('no usable per-CPU line in nf_conntrack stat');
  return { columns, cpus };
}

/** Sum of one column over all CPUs, or undefined when this kernel has no such column. */
export function sumConntrackColumn(stat: ConntrackStat, column: string): bigint | undefined {
  if (!stat.columns.includes(column)) return undefined;
  let sum = 0n;
  for (const row of stat.cpus) sum += row.get(column) ?? 0n;
  return sum;
}
