import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.mountstats'];
const NAS = 'export="192.168.1.10:/export/backup",protocol="tcp",mountaddr="192.168.1.10"';

const MOUNTINFO = [
  '21 1 0:28 / / rw,noatime shared:7 - overlay overlayfs:/overlay rw,lowerdir=/',
  '31 21 0:33 / /mnt/a rw shared:15 - nfs 10.0.0.2:/a rw,vers=3,proto=udp,addr=10.0.0.2',
  '',
].join('\n');
const nfsBlock = (device: string, mountPoint: string, xprt: string, ops = '\t        READ: 1 1 0 100 200 3000 4000 5000\n'): string =>
  `device ${device} mounted on ${mountPoint} with fstype nfs statvers=1.1\n\tage:\t60\n\tbytes:\t1 2 3 4 5 6 7 8\n\txprt:\t${xprt}\n\tper-op statistics\n${ops}\n`;
const MOUNTSTATS = `device overlayfs:/overlay mounted on / with fstype overlay\n${nfsBlock('10.0.0.2:/a', '/mnt/a', 'udp 900 0 12 12 0 40 0 16 0 0')}`;

/** A proc/ tree whose self link points at pid 42, as the kernel's does at the reader's pid. */
function selfTree(files: Readonly<Record<string, string>>): string {
  const root = procTree(Object.fromEntries(Object.entries(files).map(([k, v]) => [`42/${k}`, v])));
  symlinkSync('42', join(root, 'proc', 'self'));
  return root;
}

describe('mountstats collector', () => {
  it('matches the golden exposition on the router fixture (the NAS\'s share over NFSv4.2 with nconnect=2)', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/mountstats.prom', stable(text));
    expect(samples(text, 'node_mountstats_nfs_mountpoint_info')).toEqual([`node_mountstats_nfs_mountpoint_info{${NAS},mountpoint="/tmp/run/nas"} 1`]);
    expect(samples(text, 'node_mountstats_nfs_age_seconds_total')).toEqual([`node_mountstats_nfs_age_seconds_total{${NAS}} 86123`]);
    // Both connections of nconnect=2, numbered in file order.
    expect(samples(text, 'node_mountstats_nfs_transport_sends_total')).toEqual([
      `node_mountstats_nfs_transport_sends_total{${NAS},transport="0"} 51034`,
      `node_mountstats_nfs_transport_sends_total{${NAS},transport="1"} 50725`,
    ]);
    expect(samples(text, 'node_mountstats_nfs_operations_requests_total')).toHaveLength(29);
    expect(samples(text, 'node_mountstats_nfs_operations_request_time_seconds_total')).toContain(
      `node_mountstats_nfs_operations_request_time_seconds_total{${NAS},operation="READ"} 41.498`,
    );
    expect(samples(text, 'node_mountstats_nfs_event_vfs_open_total')).toEqual([`node_mountstats_nfs_event_vfs_open_total{${NAS}} 1204`]);
    expect(text).toContain('# TYPE node_mountstats_nfs_transport_idle_time_seconds gauge\n');
    expect(success(text, 'mountstats')).toBe(1);
  });

  it('reads a udp mount of statistics version 1.1, taking the address from the mount at the same position in mountinfo', async () => {
    const text = await treeScraper(selfTree({ mountstats: MOUNTSTATS, mountinfo: MOUNTINFO }), ['mountstats']).scrape();
    const l = 'export="10.0.0.2:/a",protocol="udp",mountaddr="10.0.0.2"';
    expect(samples(text, 'node_mountstats_nfs_transport_sends_total')).toEqual([`node_mountstats_nfs_transport_sends_total{${l},transport="0"} 12`]);
    // udp has no connect count or idle time: 0; the 1.1 fields follow the shifted ones.
    expect(samples(text, 'node_mountstats_nfs_transport_idle_time_seconds')).toEqual([`node_mountstats_nfs_transport_idle_time_seconds{${l},transport="0"} 0`]);
    expect(samples(text, 'node_mountstats_nfs_transport_maximum_rpc_slots')).toEqual([`node_mountstats_nfs_transport_maximum_rpc_slots{${l},transport="0"} 16`]);
    expect(samples(text, 'node_mountstats_nfs_operations_queue_time_seconds_total')).toEqual([`node_mountstats_nfs_operations_queue_time_seconds_total{${l},operation="READ"} 3`]);
    expect(success(text, 'mountstats')).toBe(1);
  });

  it('leaves mountaddr empty when mountinfo has fewer mounts, and keeps the first of a repeated operation', async () => {
    const ops = '\t        READ: 1 1 0 100 200 3000 4000 5000\n\t        READ: 9 9 9 9 9 9 9 9\n';
    const stats = `device overlayfs:/overlay mounted on / with fstype overlay\n${nfsBlock('10.0.0.2:/a', '/mnt/a', 'tcp 900 1 1 0 7 12 12 0 40 0 16 0 0', ops)}`;
    const text = await treeScraper(selfTree({ mountstats: stats, mountinfo: `${MOUNTINFO.split('\n')[0]}\n` }), ['mountstats']).scrape();
    expect(samples(text, 'node_mountstats_nfs_operations_requests_total')).toEqual([
      'node_mountstats_nfs_operations_requests_total{export="10.0.0.2:/a",protocol="tcp",mountaddr="",operation="READ"} 1',
    ]);
  });

  it('reports success 1 and nothing on a system without NFS mounts', async () => {
    const text = await treeScraper(selfTree({ mountstats: 'device /dev/sda1 mounted on / with fstype ext4\n', mountinfo: `${MOUNTINFO.split('\n')[0]}\n` }), ['mountstats']).scrape();
    expect(text).not.toMatch(/^node_mountstats_/m);
    expect(success(text, 'mountstats')).toBe(1);
  });

  it('reports success 0 without /proc/self/mountstats, logged once however many scrapes', async () => {
    const log = recordingLogger();
    const root = procTree({});
    const scraper = fixtureScraper([`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, ...ONLY], log);
    for (let i = 0; i < 3; i++) {
      const text = await scraper.scrape();
      expect(text).not.toMatch(/^node_mountstats_/m);
      expect(success(text, 'mountstats')).toBe(0);
    }
    expect(log.lines.filter((l) => !l.startsWith('debug '))).toHaveLength(1);
  });

  it.each([
    ['a device line of the wrong shape', 'device x mounted at / with fstype nfs\n'],
    ['statistics on a mount that is not NFS', 'device /dev/sda1 mounted on / with fstype ext4 statvers=1.1\n'],
    ['an unknown statistics version with a transport', nfsBlock('a:/b', '/b', 'tcp 1 2 3 4 5 6 7 8 9 10 11 12 13').replace('statvers=1.1', 'statvers=2.0')],
    ['a tcp transport of the wrong length', nfsBlock('a:/b', '/b', 'tcp 1 2 3')],
    ['an unknown transport protocol', nfsBlock('a:/b', '/b', 'sctp 1 2 3 4 5 6 7 8 9 10')],
    ['an rdma transport longer than procfs can hold', nfsBlock('a:/b', '/b', `rdma ${Array.from({ length: 32 }, () => '1').join(' ')}`)],
    ['a short bytes line', nfsBlock('a:/b', '/b', 'udp 900 0 12 12 0 40 0 16 0 0').replace('1 2 3 4 5 6 7 8', '1 2 3')],
    ['an age that is not a number', nfsBlock('a:/b', '/b', 'udp 900 0 12 12 0 40 0 16 0 0').replace('age:\t60', 'age:\tsoon')],
    ['a short operation line', nfsBlock('a:/b', '/b', 'udp 900 0 12 12 0 40 0 16 0 0', '\tREAD: 1 2\n')],
  ])('fails the collector (success 0, nothing exported) on %s', async (_name, content) => {
    const text = await treeScraper(selfTree({ mountstats: content, mountinfo: MOUNTINFO }), ['mountstats']).scrape();
    expect(text).not.toMatch(/^node_mountstats_/m);
    expect(success(text, 'mountstats')).toBe(0);
  });

  it('fails the collector on a malformed mountinfo line, as procfs does (the pairing by position would be off)', async () => {
    const text = await treeScraper(selfTree({ mountstats: MOUNTSTATS, mountinfo: `garbage\n${MOUNTINFO}` }), ['mountstats']).scrape();
    expect(text).not.toMatch(/^node_mountstats_/m);
    expect(success(text, 'mountstats')).toBe(0);
  });
});
