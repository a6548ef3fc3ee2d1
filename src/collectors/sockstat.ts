// node_sockstat_* from /proc/net/sockstat and /proc/net/sockstat6 (node_exporter's
// collector/sockstat_linux.go): socket counts per protocol, and *_mem_bytes = mem pages * page size.
import type { CollectorContext, CollectorDefinition } from '../collector.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import { pageSize } from '../pageSize.ts';
import type { Sockstat, SockstatProtocol } from '../procfs/netSockstat.ts';
import { parseSockstat } from '../procfs/netSockstat.ts';

/** The values of one protocol line, under node_exporter's names and in its order. */
const STATES = ['inuse', 'orphan', 'tw', 'alloc', 'mem', 'memory'] as const satisfies ReadonlyArray<keyof SockstatProtocol>;

/** A file that is missing (IPv4 or IPv6 disabled in this kernel) gives no data, not an error. */
async function readSockstat(ctx: CollectorContext, file: string): Promise<Sockstat | undefined> {
  try {
    return parseSockstat(ctx.kernel.readTextSync(ctx.kernel.proc('net', file)));
  } catch (err) {
    if (isNotFound(err)) {
      ctx.log.debug(`${file} not found, skipping`);
      return undefined;
    }
    throw err;
  }
}

function emit(ctx: CollectorContext, stat: Sockstat, isIPv6: boolean, page: number): void {
  if (!isIPv6 && stat.used !== undefined) ctx.gauge('node_sockstat_sockets_used', 'Number of IPv4 sockets in use.').set(stat.used);
  for (const p of stat.protocols) {
    if (!/^[A-Za-z0-9_]+$/.test(p.protocol)) continue;
    const pairs: Array<readonly [string, number | undefined]> = STATES.map((s) => [s, p[s]] as const);
    if (p.mem !== undefined) pairs.push(['mem_bytes', p.mem * page]);
    for (const [state, value] of pairs) {
      if (value === undefined) continue;
      ctx.gauge(`node_sockstat_${p.protocol}_${state}`, `Number of ${p.protocol} sockets in state ${state}.`).set(value);
    }
  }
}

export const sockstat: CollectorDefinition = {
  name: 'sockstat',
  defaultEnabled: true,
  help: 'Exposes various statistics from /proc/net/sockstat and /proc/net/sockstat6.',
  create() {
    const page = pageSize();
    return {
      async update(ctx) {
        const [v4, v6] = await Promise.all([readSockstat(ctx, 'sockstat'), readSockstat(ctx, 'sockstat6')]);
        if (v4) emit(ctx, v4, false, page);
        if (v6) emit(ctx, v6, true, page);
      },
    };
  },
};
