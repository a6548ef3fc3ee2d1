// node_bcache_* from /sys/fs/bcache/<uuid>/ (node_exporter's collector/bcache_linux.go on
// prometheus/procfs's bcache package): per cache set, its backing devices and its cache devices.
import type { CollectorDefinition } from '../collector.ts';
import type { BcachePeriodStats } from '../kernel/bcache.ts';
import { readBcacheSets } from '../kernel/bcache.ts';

const PRIORITY_STATS = 'collector.bcache.priorityStats';

/** The stats_total counters of a backing device: name, help, value; readaheads only when not 0, as node_exporter does. */
const PERIOD: readonly (readonly [string, string, (p: BcachePeriodStats) => number])[] = [
  ['bypassed_bytes_total', 'Amount of IO (both reads and writes) that has bypassed the cache.', (p) => p.bypassed],
  ['cache_hits_total', 'Hits counted per individual IO as bcache sees them.', (p) => p.cacheHits],
  ['cache_misses_total', 'Misses counted per individual IO as bcache sees them.', (p) => p.cacheMisses],
  ['cache_bypass_hits_total', 'Hits for IO intended to skip the cache.', (p) => p.cacheBypassHits],
  ['cache_bypass_misses_total', 'Misses for IO intended to skip the cache.', (p) => p.cacheBypassMisses],
  ['cache_miss_collisions_total', 'Instances where data insertion from cache miss raced with write (data already present).', (p) => p.cacheMissCollisions],
];

export const bcache: CollectorDefinition = {
  name: 'bcache',
  defaultEnabled: true,
  help: 'Exposes bcache statistics from /sys/fs/bcache/.',
  flags: [{ name: PRIORITY_STATS, type: 'boolean', default: false, help: 'Expose expensive priority stats.' }],
  create(env) {
    const priorityStats = env.flags.boolean(PRIORITY_STATS);
    return {
      async update(ctx) {
        const sets = await readBcacheSets(ctx.kernel, priorityStats, ctx.deadline);
        for (const s of sets) {
          const u = s.uuid;
          const g = (name: string, help: string, v: number): void => ctx.gauge(`node_bcache_${name}`, help, ['uuid']).set(v, u);
          g('average_key_size_sectors', 'Average data per key in the btree (sectors).', s.averageKeySize);
          g('btree_cache_size_bytes', 'Amount of memory currently used by the btree cache.', s.btreeCacheSize);
          g('cache_available_percent', 'Percentage of cache device without dirty data, usable for writeback (may contain clean cached data).', s.cacheAvailablePercent);
          g('congested', 'Congestion.', s.congested);
          g('root_usage_percent', 'Percentage of the root btree node in use (tree depth increases if too high).', s.rootUsagePercent);
          g('tree_depth', 'Depth of the btree.', s.treeDepth);
          g('active_journal_entries', 'Number of journal entries that are newer than the index.', s.activeJournalEntries);
          g('btree_nodes', 'Total nodes in the btree.', s.btreeNodes);
          // node_exporter scales the microseconds of btree_read_average_duration_us by 1e-9 (sic).
          g('btree_read_average_duration_seconds', 'Average btree read duration.', s.btreeReadAverageDurationUs * 1e-9);
          ctx
            .counter(
              'node_bcache_cache_read_races_total',
              'Counts instances where while data was being read from the cache, the bucket was reused and invalidated - i.e. where the pointer was stale after the read completed.',
              ['uuid'],
            )
            .set(s.cacheReadRaces, u);

          const bl = ['uuid', 'backing_device'];
          for (const b of s.backingDevices) {
            const w = b.writebackRateDebug;
            ctx.gauge('node_bcache_dirty_data_bytes', 'Amount of dirty data for this backing device in the cache.', bl).set(b.dirtyData, u, b.name);
            ctx.gauge('node_bcache_dirty_target_bytes', 'Current dirty data target threshold for this backing device in bytes.', bl).set(w.target, u, b.name);
            ctx.gauge('node_bcache_writeback_rate', 'Current writeback rate for this backing device in bytes.', bl).set(w.rate, u, b.name);
            ctx.gauge('node_bcache_writeback_rate_proportional_term', 'Current result of proportional controller, part of writeback rate', bl).set(w.proportional, u, b.name);
            ctx.gauge('node_bcache_writeback_rate_integral_term', 'Current result of integral controller, part of writeback rate', bl).set(w.integral, u, b.name);
            ctx.gauge('node_bcache_writeback_change', 'Last writeback rate change step for this backing device.', bl).set(w.change, u, b.name);
            for (const [name, help, pick] of PERIOD) ctx.counter(`node_bcache_${name}`, help, bl).set(pick(b.total), u, b.name);
            if (b.total.cacheReadaheads !== 0) ctx.counter('node_bcache_cache_readaheads_total', 'Count of times readahead occurred.', bl).set(b.total.cacheReadaheads, u, b.name);
          }

          const cl = ['uuid', 'cache_device'];
          for (const c of s.caches) {
            ctx.gauge('node_bcache_io_errors', 'Number of errors that have occurred, decayed by io_error_halflife.', cl).set(c.ioErrors, u, c.name);
            ctx.counter('node_bcache_metadata_written_bytes_total', 'Sum of all non data writes (btree writes and all other metadata).', cl).set(c.metadataWritten, u, c.name);
            ctx.counter('node_bcache_written_bytes_total', 'Sum of all data that has been written to the cache.', cl).set(c.written, u, c.name);
            if (c.priority !== undefined) {
              ctx.gauge('node_bcache_priority_stats_unused_percent', "The percentage of the cache that doesn't contain any data.", cl).set(c.priority.unusedPercent, u, c.name);
              ctx.gauge('node_bcache_priority_stats_metadata_percent', "Bcache's metadata overhead.", cl).set(c.priority.metadataPercent, u, c.name);
            }
          }
        }
      },
    };
  },
};
