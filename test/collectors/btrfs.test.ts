import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import type { Node } from './sysTree.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.btrfs'];
const onTree = (sys: string) => fixtureScraper(sysTreeFlags(sys, ['btrfs']));
const UUID = '5f1d8c3e-2a47-4b9e-8f0c-7d6e1a2b3c4d';

/** A two-device raid1 filesystem as Linux 6.x shows it, with commit_stats. */
function raid1(extra: Readonly<Record<string, Node>> = {}): Record<string, Node> {
  const fs = `fs/btrfs/${UUID}`;
  const alloc = (type: string, mode: string, total: string, used: string, reserved: string): Record<string, Node> => ({
    [`${fs}/allocation/${type}/bytes_reserved`]: reserved,
    [`${fs}/allocation/${type}/bytes_used`]: used,
    [`${fs}/allocation/${type}/total_bytes`]: total,
    [`${fs}/allocation/${type}/${mode}/total_bytes`]: total,
    [`${fs}/allocation/${type}/${mode}/used_bytes`]: used,
  });
  return {
    [`${fs}/label`]: 'nas',
    [`${fs}/metadata_uuid`]: UUID,
    [`${fs}/features/no_holes`]: '0',
    [`${fs}/allocation/global_rsv_size`]: '33554432',
    [`${fs}/commit_stats`]: 'commits 1042\ncur_commit_ms 0\nlast_commit_ms 21\nmax_commit_ms 1830\ntotal_commit_ms 70512', // sysTree adds the last newline
    [`${fs}/devices/sdb`]: { link: '../../../../devices/virtual/block/sdb' },
    [`${fs}/devices/sdc`]: { link: '../../../../devices/virtual/block/sdc' },
    'devices/virtual/block/sdb/size': '7814037168',
    'devices/virtual/block/sdc/size': '7814037168',
    ...alloc('data', 'raid1', '1099511627776', '824633720832', '0'),
    ...alloc('metadata', 'raid1', '5368709120', '2147483648', '16384'),
    ...alloc('system', 'raid1', '33554432', '163840', '0'),
    ...extra,
  };
}

describe('btrfs collector', () => {
  it('matches the golden exposition on the router fixture (a single-device volume on a USB SSD)', async () => {
    expectGolden('router/btrfs.prom', stable(await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape()));
  });

  it('reports label, reserves, layouts, commits and device sizes', async () => {
    const text = await onTree(sysTree(raid1())).scrape();
    expect(samples(text, 'node_btrfs_info')).toEqual([`node_btrfs_info{uuid="${UUID}",label="nas"} 1`]);
    expect(samples(text, 'node_btrfs_used_bytes')).toEqual([
      `node_btrfs_used_bytes{uuid="${UUID}",block_group_type="data",mode="raid1"} 824633720832`,
      `node_btrfs_used_bytes{uuid="${UUID}",block_group_type="metadata",mode="raid1"} 2147483648`,
      `node_btrfs_used_bytes{uuid="${UUID}",block_group_type="system",mode="raid1"} 163840`,
    ]);
    expect(samples(text, 'node_btrfs_allocation_ratio')).toHaveLength(3);
    expect(samples(text, 'node_btrfs_reserved_bytes')[1]).toBe(`node_btrfs_reserved_bytes{uuid="${UUID}",block_group_type="metadata"} 16384`);
    expect(samples(text, 'node_btrfs_commits_total')).toEqual([`node_btrfs_commits_total{uuid="${UUID}"} 1042`]);
    expect(samples(text, 'node_btrfs_max_commit_seconds')).toEqual([`node_btrfs_max_commit_seconds{uuid="${UUID}"} 1.83`]);
    expect(samples(text, 'node_btrfs_commit_seconds_total')).toEqual([`node_btrfs_commit_seconds_total{uuid="${UUID}"} 70.512`]);
    expect(samples(text, 'node_btrfs_device_size_bytes')).toEqual([
      `node_btrfs_device_size_bytes{uuid="${UUID}",device="sdb"} 4000787030016`,
      `node_btrfs_device_size_bytes{uuid="${UUID}",device="sdc"} 4000787030016`,
    ]);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="btrfs"} 1']);
  });

  it('exports nothing, successfully and quietly, without /sys/fs/btrfs (as node_exporter)', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY], log).scrape();
    expect(text).not.toMatch(/^node_btrfs_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="btrfs"} 1']);
    expect(log.lines.filter((l) => !l.startsWith('debug '))).toEqual([]);
  });

  it('takes the uuid from the directory without metadata_uuid, and commits 0 before Linux 6.0', async () => {
    const sys = sysTree(raid1());
    rmSync(join(sys, `fs/btrfs/${UUID}/metadata_uuid`));
    rmSync(join(sys, `fs/btrfs/${UUID}/commit_stats`));
    const text = await onTree(sys).scrape();
    expect(samples(text, 'node_btrfs_info')).toEqual([`node_btrfs_info{uuid="${UUID}",label="nas"} 1`]);
    expect(samples(text, 'node_btrfs_commits_total')).toEqual([`node_btrfs_commits_total{uuid="${UUID}"} 0`]);
  });

  it('keeps procfs’s quirk: an error before the allocations is forgotten, the values read after it are 0', async () => {
    // No features directory: procfs records ENOENT, reads global_rsv_size as 0, then the allocation
    // directories replace the error with theirs (none), so the filesystem is exported.
    const sys = sysTree(raid1());
    rmSync(join(sys, `fs/btrfs/${UUID}/features`), { recursive: true });
    const text = await onTree(sys).scrape();
    expect(samples(text, 'node_btrfs_global_rsv_size_bytes')).toEqual([`node_btrfs_global_rsv_size_bytes{uuid="${UUID}"} 0`]);
    expect(samples(text, 'node_btrfs_used_bytes')).toHaveLength(3);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="btrfs"} 1']);
  });

  it.each([
    ['a malformed commit_stats', { [`fs/btrfs/${UUID}/commit_stats`]: 'commits 1 2' }, undefined],
    ['a missing allocation directory', {}, `fs/btrfs/${UUID}/allocation/system`],
  ])('fails the scrape of btrfs on %s', async (_, extra, remove) => {
    const sys = sysTree(raid1(extra));
    if (remove !== undefined) rmSync(join(sys, remove), { recursive: true });
    const text = await onTree(sys).scrape();
    expect(text).not.toMatch(/^node_btrfs_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="btrfs"} 0']);
  });

  it('reads an unparsable number as 0 and ignores entries without a dash', async () => {
    const text = await onTree(sysTree(raid1({ [`fs/btrfs/${UUID}/allocation/global_rsv_size`]: 'lots', 'fs/btrfs/features/zoned': '0' }))).scrape();
    expect(samples(text, 'node_btrfs_global_rsv_size_bytes')).toEqual([`node_btrfs_global_rsv_size_bytes{uuid="${UUID}"} 0`]);
    expect(samples(text, 'node_btrfs_info')).toHaveLength(1);
  });
});
