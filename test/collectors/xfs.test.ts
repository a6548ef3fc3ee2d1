import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.xfs'];
const onTree = (sys: string) => fixtureScraper(sysTreeFlags(sys, ['xfs']));

// A Linux 6.1 filesystem's stats (Debian 12), trimmed of the B-tree lines procfs only checks.
const STATS = `extent_alloc 4260 849530 3842 825102
abt 0 0 0 0
blk_map 1208377 301289 5321 8041 3844 1532001 0
bmbt 0 0 0 0
dir 38121 5122 4870 60214
trans 0 120337 0
ig 38211 30009 0 8202 0 7911 6140
log 31022 1840211 0 33190 29
push_ail 122101 0 2008 3120 0 540 0 3902 0 41
xstrat 4188 0
rw 1802334 3921011
attr 40211 0 0 0
icluster 8124 6201 21094
vnodes 291 0 0 0 7911 7911 7911 0
buf 902113 210 902011 12 0 102 0 212 88
qm 0 0 0 0 0 0 0 0 0
xpc 3482718208 26421612544 98212044800
defer_relog 0
debug 0`;

describe('xfs collector', () => {
  it('matches the golden exposition on the router fixture (XFS on bcache0; the global /sys/fs/xfs/stats is no device)', async () => {
    expectGolden('router/xfs.prom', stable(await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape()));
  });

  it('exports every filesystem under /sys/fs/xfs, ignoring the global stats directory', async () => {
    const sys = sysTree({
      'fs/xfs/dm-0/stats/stats': STATS,
      'fs/xfs/sdb1/stats/stats': STATS.replace('rw 1802334 3921011', 'rw 5 7'),
      'fs/xfs/stats/stats': STATS, // the kernel's sum over all filesystems: not a device
      'fs/xfs/sdc1/error/fail_at_unmount': '1', // no stats: not matched
    });
    const text = await onTree(sys).scrape();
    expect(samples(text, 'node_xfs_write_calls_total')).toEqual(['node_xfs_write_calls_total{device="dm-0"} 1802334', 'node_xfs_write_calls_total{device="sdb1"} 5']);
    expect(samples(text, 'node_xfs_read_calls_total')).toEqual(['node_xfs_read_calls_total{device="dm-0"} 3921011', 'node_xfs_read_calls_total{device="sdb1"} 7']);
    expect(samples(text, 'node_xfs_extent_allocation_blocks_allocated_total')).toEqual([
      'node_xfs_extent_allocation_blocks_allocated_total{device="dm-0"} 849530',
      'node_xfs_extent_allocation_blocks_allocated_total{device="sdb1"} 849530',
    ]);
    expect(samples(text, 'node_xfs_vnode_remove_total')).toEqual(['node_xfs_vnode_remove_total{device="dm-0"} 7911', 'node_xfs_vnode_remove_total{device="sdb1"} 7911']);
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
    ['a value that is not a number', STATS.replace('rw 1802334', 'rw lots')],
    ['a line with the wrong number of values', STATS.replace('dir 38121 5122 4870 60214', 'dir 38121 5122')],
  ])('fails the scrape of xfs when one filesystem has %s (procfs fails them all)', async (_, bad) => {
    const text = await onTree(sysTree({ 'fs/xfs/dm-0/stats/stats': STATS, 'fs/xfs/sdb1/stats/stats': bad })).scrape();
    expect(text).not.toMatch(/^node_xfs_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="xfs"} 0']);
  });
});
