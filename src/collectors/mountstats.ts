// node_mountstats_nfs_* from the exporter's own /proc/self/mountstats, paired with /proc/self/mountinfo
// for the server address (node_exporter's collector/mountstats_linux.go on prometheus/procfs). Only NFS
// mounts carry statistics. As node_exporter does: an export seen again with the same protocol and
// address (the same export mounted twice) gets a mountpoint_info sample but no second set of statistics.
import type { CollectorContext, CollectorDefinition } from '../collector.ts';
import { readSelfMounts } from '../kernel/nfs.ts';
import { superOptionValue } from '../procfs/mountinfo.ts';
import type { NfsBytes, NfsEvents, NfsMountStats, NfsOperation, NfsTransport } from '../procfs/mountstats.ts';

const S = 'node_mountstats_nfs_';
const LABELS = ['export', 'protocol', 'mountaddr'];

/** node_exporter takes these counters modulo 2^53 (float64's mantissa) before making them floats. */
const MANTISSA = 2n ** 53n;
const wrapped = (v: bigint): number => Number(v % MANTISSA);

const BYTES: ReadonlyArray<readonly [string, string, keyof NfsBytes]> = [
  ['read_bytes_total', 'Number of bytes read using the read() syscall.', 'read'],
  ['write_bytes_total', 'Number of bytes written using the write() syscall.', 'write'],
  ['direct_read_bytes_total', 'Number of bytes read using the read() syscall in O_DIRECT mode.', 'directRead'],
  ['direct_write_bytes_total', 'Number of bytes written using the write() syscall in O_DIRECT mode.', 'directWrite'],
  ['total_read_bytes_total', 'Number of bytes read from the NFS server, in total.', 'readTotal'],
  ['total_write_bytes_total', 'Number of bytes written to the NFS server, in total.', 'writeTotal'],
  ['read_pages_total', "Number of pages read directly via mmap()'d files.", 'readPages'],
  ['write_pages_total', "Number of pages written directly via mmap()'d files.", 'writePages'],
];

type TransportValue = (t: NfsTransport) => number;
const TRANSPORT: ReadonlyArray<readonly [string, string, 'counter' | 'gauge', TransportValue]> = [
  ['transport_bind_total', 'Number of times the client has had to establish a connection from scratch to the NFS server.', 'counter', (t) => t.bind],
  ['transport_connect_total', 'Number of times the client has made a TCP connection to the NFS server.', 'counter', (t) => t.connect],
  ['transport_idle_time_seconds', 'Duration since the NFS mount last saw any RPC traffic, in seconds.', 'gauge', (t) => wrapped(t.idleTimeSeconds)],
  ['transport_sends_total', 'Number of RPC requests for this mount sent to the NFS server.', 'counter', (t) => t.sends],
  ['transport_receives_total', 'Number of RPC responses for this mount received from the NFS server.', 'counter', (t) => t.receives],
  ['transport_bad_transaction_ids_total', 'Number of times the NFS server sent a response with a transaction ID unknown to this client.', 'counter', (t) => t.badTransactionIds],
  ['transport_backlog_queue_total', 'Total number of items added to the RPC backlog queue.', 'counter', (t) => t.cumulativeBacklog],
  ['transport_maximum_rpc_slots', 'Maximum number of simultaneously active RPC requests ever used.', 'gauge', (t) => t.maximumRpcSlotsUsed],
  ['transport_sending_queue_total', 'Total number of items added to the RPC transmission sending queue.', 'counter', (t) => t.cumulativeSendingQueue],
  ['transport_pending_queue_total', 'Total number of items added to the RPC transmission pending queue.', 'counter', (t) => t.cumulativePendingQueue],
];

const OPERATIONS: ReadonlyArray<readonly [string, string, (o: NfsOperation) => number]> = [
  ['operations_requests_total', 'Number of requests performed for a given operation.', (o) => o.requests],
  ['operations_transmissions_total', 'Number of times an actual RPC request has been transmitted for a given operation.', (o) => o.transmissions],
  ['operations_major_timeouts_total', 'Number of times a request has had a major timeout for a given operation.', (o) => o.majorTimeouts],
  ['operations_sent_bytes_total', 'Number of bytes sent for a given operation, including RPC headers and payload.', (o) => o.bytesSent],
  ['operations_received_bytes_total', 'Number of bytes received for a given operation, including RPC headers and payload.', (o) => o.bytesReceived],
  ['operations_queue_time_seconds_total', 'Duration all requests spent queued for transmission for a given operation before they were sent, in seconds.', (o) => wrapped(o.queueMilliseconds) / 1000],
  ['operations_response_time_seconds_total', 'Duration all requests took to get a reply back after a request for a given operation was transmitted, in seconds.', (o) => wrapped(o.responseMilliseconds) / 1000],
  ['operations_request_time_seconds_total', 'Duration all requests took from when a request was enqueued to when it was completely handled for a given operation, in seconds.', (o) => wrapped(o.requestMilliseconds) / 1000],
];

// node_exporter's HELP texts, including the two it copied from a neighbour (vfs_open, vfs_setattr).
const EVENTS: ReadonlyArray<readonly [string, string, keyof NfsEvents]> = [
  ['event_inode_revalidate_total', 'Number of times cached inode attributes are re-validated from the server.', 'inodeRevalidate'],
  ['event_dnode_revalidate_total', 'Number of times cached dentry nodes are re-validated from the server.', 'dnodeRevalidate'],
  ['event_data_invalidate_total', 'Number of times an inode cache is cleared.', 'dataInvalidate'],
  ['event_attribute_invalidate_total', 'Number of times cached inode attributes are invalidated.', 'attributeInvalidate'],
  ['event_vfs_open_total', 'Number of times cached inode attributes are invalidated.', 'vfsOpen'],
  ['event_vfs_lookup_total', 'Number of times a directory lookup has occurred.', 'vfsLookup'],
  ['event_vfs_access_total', 'Number of times permissions have been checked.', 'vfsAccess'],
  ['event_vfs_update_page_total', 'Number of updates (and potential writes) to pages.', 'vfsUpdatePage'],
  ['event_vfs_read_page_total', "Number of pages read directly via mmap()'d files.", 'vfsReadPage'],
  ['event_vfs_read_pages_total', 'Number of times a group of pages have been read.', 'vfsReadPages'],
  ['event_vfs_write_page_total', "Number of pages written directly via mmap()'d files.", 'vfsWritePage'],
  ['event_vfs_write_pages_total', 'Number of times a group of pages have been written.', 'vfsWritePages'],
  ['event_vfs_getdents_total', 'Number of times directory entries have been read with getdents().', 'vfsGetdents'],
  ['event_vfs_setattr_total', 'Number of times directory entries have been read with getdents().', 'vfsSetattr'],
  ['event_vfs_flush_total', 'Number of pending writes that have been forcefully flushed to the server.', 'vfsFlush'],
  ['event_vfs_fsync_total', 'Number of times fsync() has been called on directories and files.', 'vfsFsync'],
  ['event_vfs_lock_total', 'Number of times locking has been attempted on a file.', 'vfsLock'],
  ['event_vfs_file_release_total', 'Number of times files have been closed and released.', 'vfsFileRelease'],
  ['event_truncation_total', 'Number of times files have been truncated.', 'truncation'],
  ['event_write_extension_total', 'Number of times a file has been grown due to writes beyond its existing end.', 'writeExtension'],
  ['event_silly_rename_total', 'Number of times a file was removed while still open by another process.', 'sillyRename'],
  ['event_short_read_total', 'Number of times the NFS server gave less data than expected while reading.', 'shortRead'],
  ['event_short_write_total', 'Number of times the NFS server wrote less data than expected while writing.', 'shortWrite'],
  ['event_jukebox_delay_total', 'Number of times the NFS server indicated EJUKEBOX; retrieving data from offline storage.', 'jukeboxDelay'],
  ['event_pnfs_read_total', 'Number of NFS v4.1+ pNFS reads.', 'pnfsRead'],
  ['event_pnfs_write_total', 'Number of NFS v4.1+ pNFS writes.', 'pnfsWrite'],
];

/** One export's statistics, labelled with the protocol of the transport it was first seen with. */
function exportStats(ctx: CollectorContext, s: NfsMountStats, labels: readonly [string, string, string]): void {
  ctx.counter(`${S}age_seconds_total`, 'The age of the NFS mount in seconds.', LABELS).set(s.ageSeconds, ...labels);
  for (const [name, help, key] of BYTES) ctx.counter(S + name, help, LABELS).set(s.bytes[key], ...labels);
  const tLabels = [...LABELS, 'transport'];
  s.transports.forEach((t, i) => {
    for (const [name, help, type, value] of TRANSPORT) ctx[type](S + name, help, tLabels).set(value(t), ...labels, String(i));
  });
  const oLabels = [...LABELS, 'operation'];
  const seen = new Set<string>();
  for (const o of s.operations) {
    // A repeated operation (only in a damaged file) keeps its first line, as client_golang keeps the first sample.
    if (seen.has(o.operation)) continue;
    seen.add(o.operation);
    for (const [name, help, value] of OPERATIONS) ctx.counter(S + name, help, oLabels).set(value(o), ...labels, o.operation);
  }
  for (const [name, help, key] of EVENTS) ctx.counter(S + name, help, LABELS).set(s.events[key], ...labels);
}

export const mountstats: CollectorDefinition = {
  name: 'mountstats',
  defaultEnabled: false,
  help: 'Exposes filesystem statistics from /proc/self/mountstats. Exposes detailed NFS client statistics.',
  create: () => ({
    async update(ctx) {
      const { stats, info } = readSelfMounts(ctx.kernel);
      const mountpoints = new Set<string>();
      const exports = new Set<string>();
      stats.forEach((m, idx) => {
        if (m.nfs === undefined) return;
        // The two files list the mounts in the same order: the address is that of the mount at the same position.
        const at = info[idx];
        const addr = at === undefined ? '' : (superOptionValue(at, 'addr') ?? '');
        for (const t of m.nfs.transports) {
          const mp = JSON.stringify([m.device, t.protocol, addr, m.mountPoint]);
          if (mountpoints.has(mp)) ctx.log.debug('Skipping duplicate mountpoint info entry', { device: mp });
          else {
            mountpoints.add(mp);
            ctx.gauge(`${S}mountpoint_info`, 'Info metric for an NFS mountpoint.', [...LABELS, 'mountpoint']).set(1, m.device, t.protocol, addr, m.mountPoint);
          }
          const dev = JSON.stringify([m.device, t.protocol, addr]);
          if (exports.has(dev)) {
            ctx.log.debug('Skipping duplicate device entry', { device: dev });
            break;
          }
          exports.add(dev);
          exportStats(ctx, m.nfs, [m.device, t.protocol, addr]);
        }
      });
    },
  }),
};
