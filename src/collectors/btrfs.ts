// node_btrfs_* from /sys/fs/btrfs/<uuid>/ (node_exporter's collector/btrfs_linux.go on
// prometheus/procfs's btrfs package): label, global reserve, commits, space per block group type and
// profile, device sizes. node_exporter also asks each mounted filesystem over ioctl(BTRFS_IOC_DEV_INFO,
// BTRFS_IOC_GET_DEV_STATS) for per-device used bytes and error counters; without that answer (not
// root, no mount, or as here: no ioctl from Node) it exports what sysfs has, as done here.
import type { CollectorContext, CollectorDefinition } from '../collector.ts';
import type { BtrfsAllocation } from '../kernel/btrfs.ts';
import { readBtrfsFilesystems } from '../kernel/btrfs.ts';

function allocation(ctx: CollectorContext, uuid: string, type: string, a: BtrfsAllocation): void {
  ctx.gauge('node_btrfs_reserved_bytes', 'Amount of space reserved for a data type', ['uuid', 'block_group_type']).set(a.reservedBytes, uuid, type);
  for (const l of a.layouts) {
    const labels = ['uuid', 'block_group_type', 'mode'];
    ctx.gauge('node_btrfs_used_bytes', 'Amount of used space by a layout/data type', labels).set(l.usedBytes, uuid, type, l.mode);
    ctx.gauge('node_btrfs_size_bytes', 'Amount of space allocated for a layout/data type', labels).set(l.totalBytes, uuid, type, l.mode);
    ctx.gauge('node_btrfs_allocation_ratio', 'Data allocation ratio for a layout/data type', labels).set(l.ratio, uuid, type, l.mode);
  }
}

export const btrfs: CollectorDefinition = {
  name: 'btrfs',
  defaultEnabled: true,
  help: 'Exposes btrfs statistics',
  create: () => ({
    async update(ctx) {
      for (const fs of readBtrfsFilesystems(ctx.kernel)) {
        const u = fs.uuid;
        ctx.gauge('node_btrfs_info', 'Filesystem information', ['uuid', 'label']).set(1, u, fs.label);
        ctx.gauge('node_btrfs_global_rsv_size_bytes', 'Size of global reserve.', ['uuid']).set(fs.globalRsvSize, u);
        ctx.counter('node_btrfs_commits_total', 'The total number of commits that have occurred.', ['uuid']).set(fs.commit.commits, u);
        ctx.gauge('node_btrfs_last_commit_seconds', 'Duration of the most recent commit, in seconds.', ['uuid']).set(fs.commit.lastCommitMs / 1000, u);
        ctx.gauge('node_btrfs_max_commit_seconds', 'Duration of the slowest commit, in seconds.', ['uuid']).set(fs.commit.maxCommitMs / 1000, u);
        ctx.counter('node_btrfs_commit_seconds_total', 'Sum of the duration of all commits, in seconds.', ['uuid']).set(fs.commit.totalCommitMs / 1000, u);
        allocation(ctx, u, 'data', fs.data);
        allocation(ctx, u, 'metadata', fs.metadata);
        allocation(ctx, u, 'system', fs.system);
        for (const d of fs.devices) {
          ctx.gauge('node_btrfs_device_size_bytes', 'Size of a device that is part of the filesystem.', ['uuid', 'device']).set(d.sizeBytes, u, d.name);
        }
      }
    },
  }),
};
