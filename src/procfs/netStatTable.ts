// The tables under /proc/net/stat/ (arp_cache, ndisc_cache, nf_conntrack, rt_cache...), as
// prometheus/procfs's NetStat reads them for node_exporter's lnstat collector: a header line of column
// names, then one line of hexadecimal counters per CPU.
//   entries  allocs destroys hash_grows  lookups hits  res_failed ...
//   00000014  00000001 00000002 00000003  00000004 00000005  00000006 ...
import { parseGoHexUint64 } from '../goparse.ts';
import { fields, scanLines } from '../gostrings.ts';

/** Column name -> one value per data line (the CPU's index is the position), in header order. */
export type NetStatTable = ReadonlyMap<string, readonly number[]>;

/**
 * Parses one table. As procfs does, a field that is not a 64-bit hex number fails the whole table, and
 * so does a line with more fields than the header names (procfs would index past its header).
 */
export function parseNetStatTable(text: string): NetStatTable {
  const lines = scanLines(text);
  const header = fields(lines[0] ?? '');
  const out = new Map<string, number[]>();
  for (const line of lines.slice(1)) {
    fields(line).forEach((f, i) => {
      const column = header[i];
      if (column === undefined) throw new Error(`net/stat line has more fields than its header: ${JSON.stringify(line.slice(0, 80))}`);
      const v = parseGoHexUint64(f);
      if (v === undefined) throw new Error(`net/stat field is not a hex counter: ${JSON.stringify(f.slice(0, 40))}`);
      const values = out.get(column);
      if (values) values.push(v);
      else out.set(column, [v]);
    });
  }
  return out;
}
