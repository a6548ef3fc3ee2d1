import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';
import type { Node } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.dmmultipath'];
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');

const mpath = (dm: string, name: string, suspended: string, sectors: string, slaves: Record<string, string>): Record<string, Node> => ({
  [`block/${dm}/dm/uuid`]: `mpath-36001405${name}`,
  [`block/${dm}/dm/name`]: name,
  [`block/${dm}/dm/suspended`]: suspended,
  [`block/${dm}/size`]: sectors,
  ...Object.fromEntries(Object.keys(slaves).map((s) => [`block/${dm}/slaves/${s}`, { dir: true } as Node])),
  ...Object.fromEntries(Object.entries(slaves).map(([s, state]) => [`block/${s}/device/state`, state])),
});

async function scrapeTree(nodes: Record<string, Node>, log = recordingLogger()): Promise<string> {
  return fixtureScraper(sysTreeFlags(sysTree(nodes), ['dmmultipath']), log).scrape();
}

describe('dmmultipath collector', () => {
  it('matches the golden exposition on the router fixture: a LUKS mapping, no multipath device (success 1)', async () => {
    const text = stable(await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape());
    expectGolden('router/dmmultipath.prom', text);
    expect(text).not.toMatch(/^node_dmmultipath_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="dmmultipath"} 1']);
  });

  it('reports no data (success 0, debug log only) without /sys/block, as node_exporter', async () => {
    const log = recordingLogger();
    const text = await scrapeTree({ 'class/net': { dir: true } }, log);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="dmmultipath"} 0']);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it('counts SCSI and NVMe paths, a suspended map, and a map without slaves', async () => {
    const text = await scrapeTree({
      ...mpath('dm-1', 'mpatha', '0', '2097152', { sdb: 'running', sdc: 'offline', nvme1n1: 'live' }),
      ...mpath('dm-2', 'mpathb', '1', '8', {}),
      'block/dm-3/dm/uuid': 'LVM-xyz',
      'block/dm-4/size': '8',
    });
    expect(samples(text, 'node_dmmultipath_device_paths_active')).toEqual([
      'node_dmmultipath_device_paths_active{device="mpatha",sysfs_name="dm-1"} 2',
      'node_dmmultipath_device_paths_active{device="mpathb",sysfs_name="dm-2"} 0',
    ]);
    expect(samples(text, 'node_dmmultipath_device_paths_failed')).toEqual([
      'node_dmmultipath_device_paths_failed{device="mpatha",sysfs_name="dm-1"} 1',
      'node_dmmultipath_device_paths_failed{device="mpathb",sysfs_name="dm-2"} 0',
    ]);
    expect(samples(text, 'node_dmmultipath_device_active')).toEqual([
      'node_dmmultipath_device_active{device="mpatha",sysfs_name="dm-1"} 1',
      'node_dmmultipath_device_active{device="mpathb",sysfs_name="dm-2"} 0',
    ]);
    expect(samples(text, 'node_dmmultipath_device_size_bytes')).toEqual([
      'node_dmmultipath_device_size_bytes{device="mpatha",sysfs_name="dm-1"} 1073741824',
      'node_dmmultipath_device_size_bytes{device="mpathb",sysfs_name="dm-2"} 4096',
    ]);
    expect(samples(text, 'node_dmmultipath_path_state')).toEqual([
      'node_dmmultipath_path_state{device="mpatha",path="nvme1n1",state="live"} 1',
      'node_dmmultipath_path_state{device="mpatha",path="sdb",state="running"} 1',
      'node_dmmultipath_path_state{device="mpatha",path="sdc",state="offline"} 1',
    ]);
  });

  it('reports no data when a path has no device/state', async () => {
    const text = await scrapeTree({ ...mpath('dm-1', 'mpatha', '0', '8', { sdb: 'running' }), 'block/dm-1/slaves/sdz': { dir: true } });
    expect(text).not.toMatch(/^node_dmmultipath_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="dmmultipath"} 0']);
  });

  it.each([
    ['a size that is not a number', { ...mpath('dm-1', 'mpatha', '0', 'big', {}) }],
    ['a negative suspended flag', { ...mpath('dm-1', 'mpatha', '-1', '8', {}) }],
    ['an unreadable name', { ...mpath('dm-1', 'mpatha', '0', '8', {}), 'block/dm-1/dm/name': { dir: true } }],
  ])('fails the collector (success 0, logged once) on %s', async (_name, nodes) => {
    const log = recordingLogger();
    const text = await scrapeTree(nodes as Record<string, Node>, log);
    expect(text).not.toMatch(/^node_dmmultipath_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="dmmultipath"} 0']);
    expect(log.lines.filter((l) => l.startsWith('error'))).toHaveLength(1);
  });
});
