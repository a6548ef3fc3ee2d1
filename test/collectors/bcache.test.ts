import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlockingReader } from '../../src/kernel/blockingRead.ts';
import { readBcacheSets } from '../../src/kernel/bcache.ts';
import { createKernelFs } from '../../src/kernel/kernelFs.ts';
import { StuckReadError } from '../../src/kernel/readErrors.ts';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import type { Node } from './sysTree.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.bcache'];
const onTree = (sys: string, extra: readonly string[] = []) => fixtureScraper(sysTreeFlags(sys, ['bcache'], extra));
const UUID = '8c1a5f2e-94b3-4d67-a0e2-3f71c9d8b504';
const SET = `fs/bcache/${UUID}`;
// The backing HDD's and the caching SSD's bcache directories, where the set's bdev0/cache0 links point.
const BDEV = 'devices/pci0000:00/0000:00:17.0/ata2/host1/target1:0:0/1:0:0:0/block/sdb/bcache';
const CACHE = 'devices/pci0000:00/0000:00:1d.0/0000:03:00.0/nvme/nvme0/nvme0n1/nvme0n1p3/bcache';

const period = (dir: string, v: Readonly<Record<string, string>>): Record<string, Node> =>
  Object.fromEntries(
    ['bypassed', 'cache_hits', 'cache_misses', 'cache_bypass_hits', 'cache_bypass_misses', 'cache_miss_collisions', 'cache_readaheads', 'cache_hit_ratio'].map((f) => [`${dir}/${f}`, v[f] ?? '0']),
  );

/** A cache set of Linux 6.1: one backing device in writeback mode, one cache device. */
function cacheSet(extra: Readonly<Record<string, Node>> = {}): Record<string, Node> {
  return {
    [`${SET}/average_key_size`]: '41.9k',
    [`${SET}/btree_cache_size`]: '118.5M',
    [`${SET}/cache_available_percent`]: '87',
    [`${SET}/congested`]: '0',
    [`${SET}/root_usage_percent`]: '12',
    [`${SET}/tree_depth`]: '2',
    [`${SET}/internal/active_journal_entries`]: '3',
    [`${SET}/internal/btree_nodes`]: '1894',
    [`${SET}/internal/btree_read_average_duration_us`]: '1305',
    [`${SET}/internal/cache_read_races`]: '4',
    ...period(`${SET}/stats_total`, { cache_hits: '8803112', cache_misses: '1203044', bypassed: '62.4G' }),
    ...period(`${SET}/stats_five_minute`, { cache_hits: '310' }),
    [`${SET}/bdev0`]: { link: `../../../${BDEV}` },
    [`${SET}/cache0`]: { link: `../../../${CACHE}` },
    [`${SET}/register`]: { dir: true },
    [`${BDEV}/dirty_data`]: '1.2G',
    [`${BDEV}/writeback_rate_debug`]: 'rate:\t\t4.0k/sec\ndirty:\t\t1.2G\ntarget:\t\t9.4G\nproportional:\t-210.9k\nintegral:\t12.0k\nchange:\t\t-1.5k/sec\nnext io:\t-1ms',
    ...period(`${BDEV}/stats_total`, { cache_hits: '8803112', cache_misses: '1203044', bypassed: '62.4G', cache_bypass_hits: '40211', cache_bypass_misses: '2981204', cache_miss_collisions: '77', cache_readaheads: '0' }),
    ...period(`${BDEV}/stats_five_minute`, {}),
    [`${CACHE}/io_errors`]: '0',
    [`${CACHE}/metadata_written`]: '3.8G',
    [`${CACHE}/written`]: '212.7G',
    [`${CACHE}/priority_stats`]: 'Unused:\t\t13%\nClean:\t\t71%\nDirty:\t\t12%\nMetadata:\t1%\nAverage:\t4411\nSectors per Q:\t12582912\nQuantiles:\t[1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31]',
    ...extra,
  };
}

describe('bcache collector', () => {
  it('matches the golden exposition on the router fixture (a USB SSD partition caching a USB HDD)', async () => {
    expectGolden('router/bcache.prom', stable(await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape()));
  });

  it('exports a cache set, its backing device and its cache device, without priority stats by default', async () => {
    const text = await onTree(sysTree(cacheSet())).scrape();
    const u = `uuid="${UUID}"`;
    // bch_hprint's fractions are tenths of 1/1.024: "41.9k" is (41 + 9/10.24) * 1024 = 42884
    expect(samples(text, 'node_bcache_average_key_size_sectors')).toEqual([`node_bcache_average_key_size_sectors{${u}} 42884`]);
    expect(samples(text, 'node_bcache_btree_cache_size_bytes')).toEqual([`node_bcache_btree_cache_size_bytes{${u}} 124243968`]);
    expect(samples(text, 'node_bcache_btree_read_average_duration_seconds')).toEqual([`node_bcache_btree_read_average_duration_seconds{${u}} 0.000001305`]);
    expect(samples(text, 'node_bcache_cache_read_races_total')).toEqual([`node_bcache_cache_read_races_total{${u}} 4`]);
    expect(samples(text, 'node_bcache_dirty_data_bytes')).toEqual([`node_bcache_dirty_data_bytes{${u},backing_device="bdev0"} 1283457024`]);
    expect(samples(text, 'node_bcache_writeback_rate_proportional_term')).toEqual([`node_bcache_writeback_rate_proportional_term{${u},backing_device="bdev0"} -215940`]);
    expect(samples(text, 'node_bcache_writeback_change')).toEqual([`node_bcache_writeback_change{${u},backing_device="bdev0"} -1524`]);
    expect(samples(text, 'node_bcache_bypassed_bytes_total')).toEqual([`node_bcache_bypassed_bytes_total{${u},backing_device="bdev0"} 66991423488`]);
    expect(samples(text, 'node_bcache_cache_miss_collisions_total')).toEqual([`node_bcache_cache_miss_collisions_total{${u},backing_device="bdev0"} 77`]);
    // readaheads are only exported when not 0, as node_exporter does
    expect(text).not.toContain('node_bcache_cache_readaheads_total');
    expect(samples(text, 'node_bcache_written_bytes_total')).toEqual([`node_bcache_written_bytes_total{${u},cache_device="cache0"} 228367269888`]);
    expect(text).not.toContain('priority_stats');
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="bcache"} 1']);
  });

  it('exports the priority stats with --collector.bcache.priorityStats', async () => {
    const text = await onTree(sysTree(cacheSet()), ['--collector.bcache.priorityStats']).scrape();
    expect(samples(text, 'node_bcache_priority_stats_unused_percent')).toEqual([`node_bcache_priority_stats_unused_percent{uuid="${UUID}",cache_device="cache0"} 13`]);
    expect(samples(text, 'node_bcache_priority_stats_metadata_percent')).toEqual([`node_bcache_priority_stats_metadata_percent{uuid="${UUID}",cache_device="cache0"} 1`]);
  });

  it('exports nothing, successfully and quietly, without /sys/fs/bcache (as node_exporter)', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY, '--collector.bcache.priorityStats'], log).scrape();
    expect(text).not.toMatch(/^node_bcache_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="bcache"} 1']);
    expect(log.lines.filter((l) => !l.startsWith('debug '))).toEqual([]);
  });

  it('reads a missing counter as 0', async () => {
    const sys = sysTree(cacheSet());
    rmSync(join(sys, SET, 'congested'));
    const text = await onTree(sys).scrape();
    expect(samples(text, 'node_bcache_congested')).toEqual([`node_bcache_congested{uuid="${UUID}"} 0`]);
  });

  it.each([
    ['a counter that is not a number', { [`${SET}/tree_depth`]: 'deep' }, undefined, []],
    ['a bad five-minute counter (read, not exported)', { [`${SET}/stats_five_minute/cache_hits`]: '1.x' }, undefined, []],
    ['a bad writeback_rate_debug line', { [`${BDEV}/writeback_rate_debug`]: 'rate:\t\tfast/sec' }, undefined, []],
    ['no writeback_rate_debug', {}, `${BDEV}/writeback_rate_debug`, []],
    ['no priority_stats when asked for them', {}, `${CACHE}/priority_stats`, ['--collector.bcache.priorityStats']],
  ])('fails the scrape of bcache on %s', async (_, extra, remove, flags) => {
    const sys = sysTree(cacheSet(extra));
    if (remove !== undefined) rmSync(join(sys, remove));
    const text = await onTree(sys, flags).scrape();
    expect(text).not.toMatch(/^node_bcache_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="bcache"} 0']);
  });

  // btree_cache_size, root_usage_percent and priority_stats take bcache's locks: read off the event loop.
  it.each([
    ['root_usage_percent', `${SET}/root_usage_percent`, false],
    ['btree_cache_size', `${SET}/btree_cache_size`, false],
    ['priority_stats', `${CACHE}/priority_stats`, true],
  ] as const)('a %s that does not answer fails the read at the deadline', async (_, rel, priority) => {
    const sys = sysTree(cacheSet());
    const pipe = join(sys, rel);
    rmSync(pipe);
    execFileSync('mkfifo', [pipe]);
    const kfs = createKernelFs({ procfs: join(sys, '..', 'proc'), sysfs: sys, rootfs: join(sys, '..') }, new BlockingReader({ slots: 2, maxKept: 8 }));
    const t0 = performance.now();
    const err = await readBcacheSets(kfs, priority, performance.now() + 200).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(StuckReadError);
    expect(performance.now() - t0).toBeLessThan(1500);
    // Release the thread that waits in open(2).
    const fd = openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK);
    writeSync(fd, '1\n');
    closeSync(fd);
    for (let i = 0; i < 100 && kfs.pendingReads > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(kfs.pendingReads).toBe(0);
  });
});
