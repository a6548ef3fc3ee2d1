// node_nfsd_* from /proc/net/rpc/nfsd, the NFS server's statistics (node_exporter's
// collector/nfsd_linux.go on prometheus/procfs's nfs package). The file exists once the nfsd module is
// loaded; without it the collector has no data, as node_exporter's.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { readNfsServerStats } from '../kernel/nfs.ts';
import { NFS_V2_PROCEDURES, NFS_V3_PROCEDURES } from '../procfs/netRpcNfs.ts';
import type { NFSD_V4_OPERATIONS } from '../procfs/netRpcNfs.ts';

type V4Op = (typeof NFSD_V4_OPERATIONS)[number];

/** node_exporter exports every procedure but Null of v2 and v3. */
const V2 = NFS_V2_PROCEDURES.filter((p) => p !== 'Null');
const V3 = NFS_V3_PROCEDURES.filter((p) => p !== 'Null');
/** The NFSv4 operations node_exporter exports (not the unused ones, PutPubFH or PutRootFH). */
const V4: readonly V4Op[] = [
  'Access', 'Close', 'Commit', 'Create', 'DelegPurge', 'DelegReturn', 'GetAttr', 'GetFH', 'Link', 'Lock', 'Lockt',
  'Locku', 'Lookup', 'LookupRoot', 'Nverify', 'Open', 'OpenAttr', 'OpenConfirm', 'OpenDgrd', 'PutFH', 'Read',
  'ReadDir', 'ReadLink', 'Remove', 'Rename', 'Renew', 'RestoreFH', 'SaveFH', 'SecInfo', 'SetAttr', 'SetClientID',
  'SetClientIDConfirm', 'Verify', 'Write', 'RelLockOwner',
];

export const nfsd: CollectorDefinition = {
  name: 'nfsd',
  defaultEnabled: true,
  help: 'Exposes NFS kernel server statistics from /proc/net/rpc/nfsd. This is the same information as nfsstat -s.',
  create: () => ({
    async update(ctx) {
      const s = readNfsServerStats(ctx.kernel);
      if (s === undefined) throw new NoDataError('/proc/net/rpc/nfsd does not exist');
      const counter = (name: string, help: string, value: number): void => ctx.counter(`node_nfsd_${name}`, help).set(value);
      counter('reply_cache_hits_total', 'Total number of NFSd Reply Cache hits (client lost server response).', s.replyCache.hits);
      counter('reply_cache_misses_total', 'Total number of NFSd Reply Cache an operation that requires caching (idempotent).', s.replyCache.misses);
      counter('reply_cache_nocache_total', 'Total number of NFSd Reply Cache non-idempotent operations (rename/delete/…).', s.replyCache.noCache);
      counter('file_handles_stale_total', 'Total number of NFSd stale file handles', s.fileHandles.stale);
      counter('disk_bytes_read_total', 'Total NFSd bytes read.', s.io.read);
      counter('disk_bytes_written_total', 'Total NFSd bytes written.', s.io.write);
      ctx.gauge('node_nfsd_server_threads', 'Total number of NFSd kernel threads that are running.').set(s.threads);
      ctx.gauge('node_nfsd_read_ahead_cache_size_blocks', 'How large the read ahead cache is in blocks.').set(s.readAhead.cacheSize);
      counter('read_ahead_cache_not_found_total', 'Total number of NFSd read ahead cache not found.', s.readAhead.notFound);
      const packets = ctx.counter('node_nfsd_packets_total', 'Total NFSd network packets (sent+received) by protocol type.', ['proto']);
      packets.set(s.network.udpCount, 'udp');
      packets.set(s.network.tcpCount, 'tcp');
      counter('connections_total', 'Total number of NFSd TCP connections.', s.network.tcpConnect);
      const rpcErrors = ctx.counter('node_nfsd_rpc_errors_total', 'Total number of NFSd RPC errors by error type.', ['error']);
      rpcErrors.set(s.rpc.badFmt, 'fmt');
      rpcErrors.set(s.rpc.badAuth, 'auth');
      rpcErrors.set(s.rpc.badcInt, 'cInt');
      counter('server_rpcs_total', 'Total number of NFSd RPCs.', s.rpc.rpcCount);
      const requests = ctx.counter('node_nfsd_requests_total', 'Total number NFSd Requests by method and protocol.', ['proto', 'method']);
      for (const p of V2) requests.set(s.v2[p], '2', p);
      for (const p of V3) requests.set(s.v3[p], '3', p);
      for (const op of V4) requests.set(s.v4ops[op], '4', op);
      requests.set(s.wdelegGetattr, '4', 'WdelegGetattr');
    },
  }),
};
