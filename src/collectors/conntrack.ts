import type { CollectorDefinition, CollectorContext } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import { parseNetStatNfConntrack, sumConntrackColumn } from '../procfs/netStatNfConntrack.ts';
import { parseSysctlUint } from '../procfs/sysctlValue.ts';

// The per-CPU statistics node_exporter exports, summed over CPUs, as gauges (node_exporter's types).
const STATS: readonly (readonly [column: string, help: string])[] = [
  ['found', 'Number of searched entries which were successful.'],
  ['invalid', 'Number of packets seen which can not be tracked.'],
  ['ignore', 'Number of packets seen which are already connected to a conntrack entry.'],
  ['insert', 'Number of entries inserted into the list.'],
  ['insert_failed', 'Number of entries for which list insertion was attempted but failed.'],
  ['drop', 'Number of packets dropped due to conntrack failure.'],
  ['early_drop', 'Number of dropped conntrack entries to make room for new ones, if maximum table size was reached.'],
  ['search_restart', 'Number of conntrack table lookups which had to be restarted due to hashtable resizes.'],
];

function errCode(err: unknown): unknown {
  return typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
}

/** A /proc/sys/net/netfilter value; a missing file means nf_conntrack is not loaded ("no data"). */
async function readNetfilterValue(ctx: CollectorContext, name: string): Promise<number> {
  let text: string;
  try {
    text = ctx.kernel.readTextSync(ctx.kernel.proc('sys', 'net', 'netfilter', name));
  } catch (err) {
    if (isNotFound(err)) throw new NoDataError('conntrack probably not loaded');
    throw err;
  }
  return parseSysctlUint(text, name);
}

export const conntrack: CollectorDefinition = {
  name: 'conntrack',
  defaultEnabled: true,
  help: 'Shows conntrack stats (does nothing if no /proc/sys/net/netfilter/ present).',
  create: () => ({
    async update(ctx) {
      const entries = await readNetfilterValue(ctx, 'nf_conntrack_count');
      const limit = await readNetfilterValue(ctx, 'nf_conntrack_max');
      ctx.gauge('node_nf_conntrack_entries', 'Number of currently allocated flow entries for connection tracking.').set(entries);
      ctx.gauge('node_nf_conntrack_entries_limit', 'Maximum size of connection tracking table.').set(limit);

      // /proc/net/stat/nf_conntrack is absent without CONFIG_NF_CONNTRACK_PROCFS and root-only on some
      // hardened kernels. node_exporter then still serves entries and entries_limit (they were already
      // sent) but reports the collector as failed; here the two gauges are served and the collector
      // succeeds, with only the stat_* gauges missing. A file that is there but garbled still fails.
      let text: string;
      try {
        text = ctx.kernel.readTextSync(ctx.kernel.proc('net', 'stat', 'nf_conntrack'));
      } catch (err) {
        const code = errCode(err);
        if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM') {
          ctx.log.debug('conntrack statistics unavailable', { err: err instanceof Error ? err.message : String(err) });
          return;
        }
        throw err;
      }
      const stat = parseNetStatNfConntrack(text);
      for (const [column, help] of STATS) {
        // A column this kernel does not have (search_restart before 2.6.35) is left out.
        const sum = sumConntrackColumn(stat, column);
        if (sum !== undefined) ctx.gauge(`node_nf_conntrack_stat_${column}`, help).set(Number(sum));
      }
    },
  }),
};
