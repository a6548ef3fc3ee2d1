import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.xfs'];
const onTree = (sys: string) => fixtureScraper(sysTreeFlags(sys, ['xfs']));

// The router fixture's filesystem (Linux 5.15), as written by the kernel.
const STATS = readFileSync(join(FIXTURES, 'router', 'sys', 'fs', 'xfs', 'bcache0', 'stats', 'stats'), 'utf8').trimEnd();

describe('xfs collector', () => {
  it('matches the golden exposition on the router fixture (XFS on bcache0; the global /sys/fs/xfs/stats is no device)', async () => {
    expectGolden('router/xfs.prom', stable(await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape()));
  });

  it('exports every filesystem under /sys/fs/xfs, ignoring the global stats directory', async () => {
    const sys = sysTree({
      'fs/xfs/dm-0/stats/stats': STATS,
      'fs/xfs/sdb1/stats/stats': STATS.replace('rw 301224 1882031', 'rw 5 7'),
      'fs/xfs/stats/stats': STATS, // the kernel's sum over all filesystems: not a device
      'fs/xfs/sdc1/error/fail_at_unmount': '1', // no stats: not matched
    });
    const text = await onTree(sys).scrape();
    // rw is "writes reads" in the file
    expect(samples(text, 'node_xfs_write_calls_total')).toEqual(['node_xfs_write_calls_total{device="dm-0"} 301224', 'node_xfs_write_calls_total{device="sdb1"} 5']);
    expect(samples(text, 'node_xfs_read_calls_total')).toEqual(['node_xfs_read_calls_total{device="dm-0"} 1882031', 'node_xfs_read_calls_total{device="sdb1"} 7']);
    expect(samples(text, 'node_xfs_extent_allocation_blocks_allocated_total')).toEqual([
      'node_xfs_extent_allocation_blocks_allocated_total{device="dm-0"} 61203712',
      'node_xfs_extent_allocation_blocks_allocated_total{device="sdb1"} 61203712',
    ]);
    expect(samples(text, 'node_xfs_vnode_remove_total')).toEqual(['node_xfs_vnode_remove_total{device="dm-0"} 2010', 'node_xfs_vnode_remove_total{device="sdb1"} 2010']);
    expect(text).toContain('# HELP node_xfs_inode_operation_found_total Number of times the OS looked for and found an XFS inode in the inode cache.\n# TYPE node_xfs_inode_operation_found_total counter\n');
    expect(text.match(/^# TYPE node_xfs_/gm)).toHaveLength(39);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="xfs"} 1']);
  });

  it('exports nothing, successfully and quietly, without /sys/fs/xfs (as node_exporter)', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY], log).scrape();
    expect(text).not.toMatch(/^node_xfs_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="xfs"} 1']);
    expect(log.lines.filter((l) => !l.startsWith('debug '))).toEqual([]);
  });

  it.each([
    ['a value that is not a number', STATS.replace('rw 301224', 'rw lots')],
    ['a line with the wrong number of values', STATS.replace('dir 20114 3121 402 11023', 'dir 20114 3121')],
  ])('fails the scrape of xfs when one filesystem has %s (procfs fails them all)', async (_, bad) => {
    const text = await onTree(sysTree({ 'fs/xfs/dm-0/stats/stats': STATS, 'fs/xfs/sdb1/stats/stats': bad })).scrape();
    expect(text).not.toMatch(/^node_xfs_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="xfs"} 0']);
  });
});
