// node_nfs_* from /proc/net/rpc/nfs, the NFS client's RPC statistics (node_exporter's
// collector/nfs_linux.go on prometheus/procfs's nfs package). The file exists once the nfs module is
// loaded; without it the collector has no data, as node_exporter's.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { readNfsClientStats } from '../kernel/nfs.ts';
import { NFS_CLIENT_V4_OPERATIONS, NFS_V2_PROCEDURES, NFS_V3_PROCEDURES } from '../procfs/netRpcNfs.ts';
import type { Counts } from '../procfs/netRpcNfs.ts';

export const nfs: CollectorDefinition = {
  name: 'nfs',
  defaultEnabled: true,
  help: 'Exposes NFS client statistics from /proc/net/rpc/nfs. This is the same information as nfsstat -c.',
  create: () => ({
    async update(ctx) {
      const s = readNfsClientStats(ctx.kernel);
      if (s === undefined) throw new NoDataError('/proc/net/rpc/nfs does not exist');
      const packets = ctx.counter('node_nfs_packets_total', 'Total NFSd network packets (sent+received) by protocol type.', ['protocol']);
      packets.set(s.network.udpCount, 'udp');
      packets.set(s.network.tcpCount, 'tcp');
      ctx.counter('node_nfs_connections_total', 'Total number of NFSd TCP connections.').set(s.network.tcpConnect);
      ctx.counter('node_nfs_rpcs_total', 'Total number of RPCs performed.').set(s.rpc.rpcCount);
      ctx.counter('node_nfs_rpc_retransmissions_total', 'Number of RPC transmissions performed.').set(s.rpc.retransmissions);
      ctx.counter('node_nfs_rpc_authentication_refreshes_total', 'Number of RPC authentication refreshes performed.').set(s.rpc.authRefreshes);
      const requests = ctx.counter('node_nfs_requests_total', 'Number of NFS procedures invoked.', ['proto', 'method']);
      // Every procedure of each version, named after procfs's struct fields (node_exporter reflects over them).
      const each = <K extends string>(proto: string, names: readonly K[], counts: Counts<K>): void => {
        for (const n of names) requests.set(counts[n], proto, n);
      };
      each('2', NFS_V2_PROCEDURES, s.v2);
      each('3', NFS_V3_PROCEDURES, s.v3);
      each('4', NFS_CLIENT_V4_OPERATIONS, s.v4);
    },
  }),
};
