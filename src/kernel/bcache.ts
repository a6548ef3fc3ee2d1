// bcache cache sets under <sysfs>/fs/bcache/<uuid>/, read for the bcache collector as
// prometheus/procfs's bcache.FS.Stats reads them.
//
// Most attributes are counters in memory (atomics, decaying averages): read synchronously. Three ask
// bcache to take a lock and walk its structures, and may wait behind btree I/O or garbage collection:
// btree_cache_size (the bucket lock), root_usage_percent (the root node's lock) and priority_stats (the
// bucket lock, then every bucket of the cache is copied and sorted: the "expensive" stats node_exporter
// reads only with --collector.bcache.priorityStats). Those go off the event loop with the deadline.
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { classifyReadError } from './readErrors.ts';
import type { PriorityStats, WritebackRateDebug } from '../sysfs/bcache.ts';
import { parseBcacheValue, parsePriorityStats, parseWritebackRateDebug } from '../sysfs/bcache.ts';

/** A period's counters (stats_total): bytes bypassed, hits, misses, bypass hits/misses, miss collisions, readaheads. */
export interface BcachePeriodStats {
  readonly bypassed: number;
  readonly cacheHits: number;
  readonly cacheMisses: number;
  readonly cacheBypassHits: number;
  readonly cacheBypassMisses: number;
  readonly cacheMissCollisions: number;
  readonly cacheReadaheads: number;
}

export interface BcacheBackingDevice {
  /** "bdev0" */
  readonly name: string;
  readonly dirtyData: number;
  readonly writebackRateDebug: WritebackRateDebug;
  readonly total: BcachePeriodStats;
}

export interface BcacheCacheDevice {
  /** "cache0" */
  readonly name: string;
  readonly ioErrors: number;
  readonly metadataWritten: number;
  readonly written: number;
  /** Only when asked for. */
  readonly priority: PriorityStats | undefined;
}

export interface BcacheSet {
  readonly uuid: string;
  readonly averageKeySize: number;
  readonly btreeCacheSize: number;
  readonly cacheAvailablePercent: number;
  readonly congested: number;
  readonly rootUsagePercent: number;
  readonly treeDepth: number;
  readonly activeJournalEntries: number;
  readonly btreeNodes: number;
  /** internal/btree_read_average_duration_us, as read (microseconds). */
  readonly btreeReadAverageDurationUs: number;
  readonly cacheReadRaces: number;
  readonly backingDevices: readonly BcacheBackingDevice[];
  readonly caches: readonly BcacheCacheDevice[];
}

/** procfs's readValue: 0 for a missing file; any other read error, or a value that does not parse, throws. */
function value(kfs: KernelFs, path: string): number {
  let text: string;
  try {
    text = kfs.readTextSync(path);
  } catch (err) {
    if (classifyReadError(err) === 'missing') return 0;
    throw err;
  }
  return parseBcacheValue(text);
}

/** value() of an attribute whose show() may wait on a lock: off the event loop. A stuck read throws. */
async function blockingValue(kfs: KernelFs, path: string, deadline: number): Promise<number> {
  let text: string;
  try {
    text = (await kfs.attrBytes(path, deadline)).toString('utf8');
  } catch (err) {
    if (classifyReadError(err) === 'missing') return 0;
    throw err;
  }
  return parseBcacheValue(text);
}

const PERIOD_FILES = ['bypassed', 'cache_hits', 'cache_misses', 'cache_bypass_hits', 'cache_bypass_misses', 'cache_miss_collisions', 'cache_readaheads'] as const;

function period(kfs: KernelFs, dir: string): BcachePeriodStats {
  const [bypassed, cacheHits, cacheMisses, cacheBypassHits, cacheBypassMisses, cacheMissCollisions, cacheReadaheads] = PERIOD_FILES.map((f) => value(kfs, join(dir, f))) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { bypassed, cacheHits, cacheMisses, cacheBypassHits, cacheBypassMisses, cacheMissCollisions, cacheReadaheads };
}

async function readSet(kfs: KernelFs, dir: string, uuid: string, priorityStats: boolean, deadline: number): Promise<BcacheSet> {
  const v = (...p: string[]): number => value(kfs, join(dir, ...p));
  const averageKeySize = v('average_key_size');
  const btreeCacheSize = await blockingValue(kfs, join(dir, 'btree_cache_size'), deadline);
  const cacheAvailablePercent = v('cache_available_percent');
  const congested = v('congested');
  const rootUsagePercent = await blockingValue(kfs, join(dir, 'root_usage_percent'), deadline);
  const treeDepth = v('tree_depth');
  const activeJournalEntries = v('internal', 'active_journal_entries');
  const btreeNodes = v('internal', 'btree_nodes');
  const btreeReadAverageDurationUs = v('internal', 'btree_read_average_duration_us');
  const cacheReadRaces = v('internal', 'cache_read_races');
  // procfs reads the five-minute counters too (not exported): a bad one fails the set all the same.
  period(kfs, join(dir, 'stats_five_minute'));
  period(kfs, join(dir, 'stats_total'));

  const entries = kfs.listOptionalSync(dir);
  const backingDevices = entries
    .filter((e) => /^bdev[0-9]/.test(e))
    .map((name) => {
      const b = join(dir, name);
      const dirtyData = value(kfs, join(b, 'dirty_data'));
      // Unlike the counters, a missing writeback_rate_debug is an error for procfs.
      const writebackRateDebug = parseWritebackRateDebug(kfs.readTextSync(join(b, 'writeback_rate_debug')));
      period(kfs, join(b, 'stats_five_minute'));
      return { name, dirtyData, writebackRateDebug, total: period(kfs, join(b, 'stats_total')) };
    });
  const caches: BcacheCacheDevice[] = [];
  for (const name of entries.filter((e) => /^cache[0-9]/.test(e))) {
    const c = join(dir, name);
    const ioErrors = value(kfs, join(c, 'io_errors'));
    const metadataWritten = value(kfs, join(c, 'metadata_written'));
    const written = value(kfs, join(c, 'written'));
    // Its first two lines are all procfs uses, well within one 128-byte read.
    const priority = priorityStats ? parsePriorityStats((await kfs.attrBytes(join(c, 'priority_stats'), deadline)).toString('utf8')) : undefined;
    caches.push({ name, ioErrors, metadataWritten, written, priority });
  }
  return {
    uuid,
    averageKeySize,
    btreeCacheSize,
    cacheAvailablePercent,
    congested,
    rootUsagePercent,
    treeDepth,
    activeJournalEntries,
    btreeNodes,
    btreeReadAverageDurationUs,
    cacheReadRaces,
    backingDevices,
    caches,
  };
}

/** Every cache set <sysfs>/fs/bcache/*-* in name order; none without the directory. One that cannot be read throws. */
export async function readBcacheSets(kfs: KernelFs, priorityStats: boolean, deadline: number): Promise<BcacheSet[]> {
  const root = kfs.sys('fs', 'bcache');
  const out: BcacheSet[] = [];
  for (const uuid of kfs.listOptionalSync(root).filter((e) => e.includes('-'))) {
    out.push(await readSet(kfs, join(root, uuid), uuid, priorityStats, deadline));
  }
  return out;
}
