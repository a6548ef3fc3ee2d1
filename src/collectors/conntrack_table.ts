// Off by default: counts of the connections in /proc/net/nf_conntrack by family, protocol and TCP state,
// and how many of them are NATed. Reading that file makes the kernel walk the whole table (slow with
// tens of thousands of entries, and it holds up softirqs on small routers), so each scrape stops after
// --collector.conntrack_table.max-entries lines or --collector.conntrack_table.timeout, and says so in
// node_nf_conntrack_table_truncated. The cheap totals (node_nf_conntrack_entries, per-CPU statistics)
// come from the conntrack collector.
import type { CollectorContext, CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import type { KernelFs } from '../kernel/kernelFs.ts';
import { errnoCode } from '../kernel/readErrors.ts';
import { parseConntrackLine } from '../procfs/nfConntrackTable.ts';

const MAX_ENTRIES = 'collector.conntrack_table.max-entries';
const TIMEOUT = 'collector.conntrack_table.timeout';
const CHUNK = 64 * 1024;

interface Scan {
  /** "family\0protocol\0state" -> count. */
  readonly entries: Map<string, number>;
  /** "family\0protocol\0snat|dnat" -> count. */
  readonly nat: Map<string, number>;
  scanned: number;
  malformed: number;
  truncated: boolean;
}

function add(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function count(scan: Scan, line: string): void {
  if (line === '') return;
  const e = parseConntrackLine(line);
  if (!e) {
    scan.malformed++;
    return;
  }
  scan.scanned++;
  add(scan.entries, `${e.family}\0${e.protocol}\0${e.state}`);
  if (e.snat) add(scan.nat, `${e.family}\0${e.protocol}\0snat`);
  if (e.dnat) add(scan.nat, `${e.family}\0${e.protocol}\0dnat`);
}

/** Reads the table chunk by chunk until its end, maxEntries lines, or the deadline. */
async function scanTable(kfs: KernelFs, path: string, maxEntries: number, deadline: number): Promise<Scan> {
  const scan: Scan = { entries: new Map(), nat: new Map(), scanned: 0, malformed: 0, truncated: false };
  let rest = '';
  for await (const chunk of kfs.chunks(path, CHUNK)) {
    const lines = (rest + chunk.toString('latin1')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (scan.scanned + scan.malformed >= maxEntries) {
        scan.truncated = true;
        return scan;
      }
      count(scan, line);
    }
    if (performance.now() >= deadline) {
      scan.truncated = true;
      return scan;
    }
  }
  if (scan.scanned + scan.malformed < maxEntries) count(scan, rest);
  else if (rest !== '') scan.truncated = true;
  return scan;
}

function emit(ctx: CollectorContext, scan: Scan): void {
  const entries = ctx.gauge('node_nf_conntrack_table_entries', 'Connections in /proc/net/nf_conntrack by family, protocol and state (state is empty for stateless protocols).', ['family', 'protocol', 'state']);
  for (const [key, n] of scan.entries) entries.set(n, ...(key.split('\0') as [string, string, string]));
  const nat = ctx.gauge('node_nf_conntrack_table_nat_entries', 'Connections in /proc/net/nf_conntrack whose source (snat, masquerade included) or destination (dnat, port forwards) is translated.', ['family', 'protocol', 'type']);
  for (const [key, n] of scan.nat) nat.set(n, ...(key.split('\0') as [string, string, string]));
  ctx.gauge('node_nf_conntrack_table_scanned_entries', 'Connection lines read from /proc/net/nf_conntrack in this scrape.').set(scan.scanned);
  ctx.gauge('node_nf_conntrack_table_truncated', '1 if the read of /proc/net/nf_conntrack stopped at the entry or time limit, so the counts are partial.').set(scan.truncated ? 1 : 0);
}

export const conntrackTable: CollectorDefinition = {
  name: 'conntrack_table',
  defaultEnabled: false,
  help: 'Exposes connection counts by protocol, state and NAT from /proc/net/nf_conntrack (reads the whole table: bounded in entries and time).',
  flags: [
    { name: MAX_ENTRIES, type: 'string', default: '65536', help: 'Stop reading /proc/net/nf_conntrack after this many lines.' },
    { name: TIMEOUT, type: 'duration', default: '500ms', help: 'Stop reading /proc/net/nf_conntrack after this long (a Go duration).' },
  ],
  create(env) {
    const maxRaw = env.flags.string(MAX_ENTRIES) ?? '65536';
    const maxEntries = Number(maxRaw);
    if (!/^\d+$/.test(maxRaw) || !Number.isSafeInteger(maxEntries) || maxEntries < 1) throw new Error(`invalid --${MAX_ENTRIES} "${maxRaw}": want a whole number >= 1`);
    // A duration flag: parsed and validated by the CLI.
    const timeoutMs = (env.flags.duration(TIMEOUT) ?? 0.5) * 1000;
    if (!(timeoutMs > 0)) throw new Error(`invalid --${TIMEOUT} "${env.flags.string(TIMEOUT) ?? ''}": must be positive`);
    return {
      async update(ctx) {
        const path = ctx.kernel.proc('net', 'nf_conntrack');
        let scan: Scan;
        try {
          scan = await scanTable(ctx.kernel, path, maxEntries, Math.min(performance.now() + timeoutMs, ctx.deadline));
        } catch (err) {
          const code = errnoCode(err);
          if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM') throw new NoDataError(`cannot read ${path} (${code}): conntrack not loaded or CONFIG_NF_CONNTRACK_PROCFS off`);
          throw err;
        }
        if (scan.scanned === 0 && scan.malformed > 0) throw new Error(`no usable line in ${path}`);
        if (scan.malformed > 0) ctx.log.debug('skipped malformed nf_conntrack lines', { count: scan.malformed });
        emit(ctx, scan);
      },
    };
  },
};
