// node_udp_queues{queue,ip} from /proc/net/udp and /proc/net/udp6 (node_exporter's
// collector/udp_queues_linux.go): bytes queued for sending (tx) and receiving (rx) over all UDP sockets.
import type { CollectorContext, CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import { summarizeSockets } from '../procfs/netIpSocket.ts';
import type { SocketSummary } from '../procfs/netIpSocket.ts';

async function summary(ctx: CollectorContext, file: string): Promise<SocketSummary | undefined> {
  try {
    return summarizeSockets(ctx.kernel.readTextSync(ctx.kernel.proc('net', file)));
  } catch (err) {
    if (isNotFound(err)) {
      ctx.log.debug(`not collecting ${file === 'udp' ? 'ipv4' : 'ipv6'} based metrics`);
      return undefined;
    }
    throw err;
  }
}

export const udpQueues: CollectorDefinition = {
  name: 'udp_queues',
  defaultEnabled: true,
  help: 'Exposes UDP total lengths of the rx_queue and tx_queue from /proc/net/udp and /proc/net/udp6.',
  create: () => ({
    async update(ctx) {
      const [v4, v6] = await Promise.all([summary(ctx, 'udp'), summary(ctx, 'udp6')]);
      if (v4 === undefined && v6 === undefined) throw new NoDataError('neither /proc/net/udp nor /proc/net/udp6 exists');
      const fam = ctx.gauge('node_udp_queues', 'Number of allocated memory in the kernel for UDP datagrams in bytes.', ['queue', 'ip']);
      for (const [s, ip] of [[v4, 'v4'], [v6, 'v6']] as const) {
        if (s === undefined) continue;
        fam.set(s.txQueue, 'tx', ip);
        fam.set(s.rxQueue, 'rx', ip);
      }
    },
  }),
};
