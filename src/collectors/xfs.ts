// node_xfs_* from /sys/fs/xfs/<device>/stats/stats (node_exporter's collector/xfs_linux.go on
// prometheus/procfs's xfs package): allocation, block mapping, directory, inode and vnode counters.
import type { CollectorDefinition } from '../collector.ts';
import { readXfsStats } from '../kernel/xfs.ts';
import type { XfsStats } from '../sysfs/xfsStats.ts';
import { parseXfsStats } from '../sysfs/xfsStats.ts';

type Pick = (s: XfsStats) => number | undefined;

/** node_exporter's metrics, in its order: name (without node_xfs_ and _total), help, value. */
const METRICS: readonly (readonly [string, string, Pick])[] = [
  ['extent_allocation_extents_allocated', 'Number of extents allocated for a filesystem.', (s) => s.extentAlloc[0]],
  ['extent_allocation_blocks_allocated', 'Number of blocks allocated for a filesystem.', (s) => s.extentAlloc[1]],
  ['extent_allocation_extents_freed', 'Number of extents freed for a filesystem.', (s) => s.extentAlloc[2]],
  ['extent_allocation_blocks_freed', 'Number of blocks freed for a filesystem.', (s) => s.extentAlloc[3]],
  ['allocation_btree_lookups', 'Number of allocation B-tree lookups for a filesystem.', (s) => s.abt[0]],
  ['allocation_btree_compares', 'Number of allocation B-tree compares for a filesystem.', (s) => s.abt[1]],
  ['allocation_btree_records_inserted', 'Number of allocation B-tree records inserted for a filesystem.', (s) => s.abt[2]],
  ['allocation_btree_records_deleted', 'Number of allocation B-tree records deleted for a filesystem.', (s) => s.abt[3]],
  ['block_mapping_reads', 'Number of block map for read operations for a filesystem.', (s) => s.blkMap[0]],
  ['block_mapping_writes', 'Number of block map for write operations for a filesystem.', (s) => s.blkMap[1]],
  ['block_mapping_unmaps', 'Number of block unmaps (deletes) for a filesystem.', (s) => s.blkMap[2]],
  ['block_mapping_extent_list_insertions', 'Number of extent list insertions for a filesystem.', (s) => s.blkMap[3]],
  ['block_mapping_extent_list_deletions', 'Number of extent list deletions for a filesystem.', (s) => s.blkMap[4]],
  ['block_mapping_extent_list_lookups', 'Number of extent list lookups for a filesystem.', (s) => s.blkMap[5]],
  ['block_mapping_extent_list_compares', 'Number of extent list compares for a filesystem.', (s) => s.blkMap[6]],
  ['block_map_btree_lookups', 'Number of block map B-tree lookups for a filesystem.', (s) => s.bmbt[0]],
  ['block_map_btree_compares', 'Number of block map B-tree compares for a filesystem.', (s) => s.bmbt[1]],
  ['block_map_btree_records_inserted', 'Number of block map B-tree records inserted for a filesystem.', (s) => s.bmbt[2]],
  ['block_map_btree_records_deleted', 'Number of block map B-tree records deleted for a filesystem.', (s) => s.bmbt[3]],
  ['directory_operation_lookup', 'Number of file name directory lookups which miss the operating systems directory name lookup cache.', (s) => s.dir[0]],
  ['directory_operation_create', 'Number of times a new directory entry was created for a filesystem.', (s) => s.dir[1]],
  ['directory_operation_remove', 'Number of times an existing directory entry was created for a filesystem.', (s) => s.dir[2]],
  ['directory_operation_getdents', 'Number of times the directory getdents operation was performed for a filesystem.', (s) => s.dir[3]],
  ['inode_operation_attempts', 'Number of times the OS looked for an XFS inode in the inode cache.', (s) => s.ig[0]],
  ['inode_operation_found', 'Number of times the OS looked for and found an XFS inode in the inode cache.', (s) => s.ig[1]],
  ['inode_operation_recycled', 'Number of times the OS found an XFS inode in the cache, but could not use it as it was being recycled.', (s) => s.ig[2]],
  ['inode_operation_missed', 'Number of times the OS looked for an XFS inode in the cache, but did not find it.', (s) => s.ig[3]],
  ['inode_operation_duplicates', 'Number of times the OS tried to add a missing XFS inode to the inode cache, but found it had already been added by another process.', (s) => s.ig[4]],
  ['inode_operation_reclaims', 'Number of times the OS reclaimed an XFS inode from the inode cache to free memory for another purpose.', (s) => s.ig[5]],
  ['inode_operation_attribute_changes', 'Number of times the OS explicitly changed the attributes of an XFS inode.', (s) => s.ig[6]],
  ['read_calls', 'Number of read(2) system calls made to files in a filesystem.', (s) => s.rw[1]],
  ['write_calls', 'Number of write(2) system calls made to files in a filesystem.', (s) => s.rw[0]],
  ['vnode_active', 'Number of vnodes not on free lists for a filesystem.', (s) => s.vnodes[0]],
  ['vnode_allocate', 'Number of times vn_alloc called for a filesystem.', (s) => s.vnodes[1]],
  ['vnode_get', 'Number of times vn_get called for a filesystem.', (s) => s.vnodes[2]],
  ['vnode_hold', 'Number of times vn_hold called for a filesystem.', (s) => s.vnodes[3]],
  ['vnode_release', 'Number of times vn_rele called for a filesystem.', (s) => s.vnodes[4]],
  ['vnode_reclaim', 'Number of times vn_reclaim called for a filesystem.', (s) => s.vnodes[5]],
  ['vnode_remove', 'Number of times vn_remove called for a filesystem.', (s) => s.vnodes[6]],
];

export const xfs: CollectorDefinition = {
  name: 'xfs',
  defaultEnabled: true,
  help: 'Exposes XFS runtime statistics.',
  create: () => ({
    async update(ctx) {
      // procfs parses every filesystem before node_exporter exports any: one bad file fails the scrape.
      const all = readXfsStats(ctx.kernel).map((f) => ({ device: f.device, stats: parseXfsStats(f.text) }));
      for (const { device, stats } of all) {
        for (const [name, help, pick] of METRICS) ctx.counter(`node_xfs_${name}_total`, help, ['device']).set(pick(stats) ?? 0, device);
      }
    },
  }),
};
