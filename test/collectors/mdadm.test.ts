import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { machineTree, machineTreeFlags } from './machineTree.ts';
import type { Node } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.mdadm'];
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');

const RAID1 = 'Personalities : [raid1]\nmd0 : active raid1 sdb1[1] sda1[0]\n      1000 blocks super 1.2 [2/2] [UU]\n\nunused devices: <none>\n';
const md = (dev: string, attrs: Record<string, string>): Record<string, Node> =>
  Object.fromEntries(Object.entries(attrs).map(([k, v]) => [`sys/block/${dev}/md/${k}`, v]));
const RAID1_ATTRS = { level: 'raid1', array_state: 'clean', metadata_version: '1.2', raid_disks: '2', uuid: 'a:b:c:d', degraded: '0', sync_action: 'idle', sync_completed: 'none', 'dev-sda1/state': 'in_sync' };

async function scrapeTree(nodes: Record<string, Node>, log = recordingLogger()): Promise<string> {
  return fixtureScraper(machineTreeFlags(machineTree(nodes), ['mdadm']), log).scrape();
}

describe('mdadm collector', () => {
  it('matches the golden exposition on the router fixture (a NAS RAID1 of two disks)', async () => {
    expectGolden('router/mdadm.prom', stable(await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape()));
  });

  it('reports no data (success 0, logged at debug only) without /proc/mdstat, as node_exporter', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY], log).scrape();
    expect(text).not.toMatch(/^node_md_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="mdadm"} 0']);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it('exports the arrays of /proc/mdstat with no md sysfs directory (success 1)', async () => {
    const text = await scrapeTree({ 'proc/mdstat': RAID1 });
    expect(samples(text, 'node_md_blocks')).toEqual(['node_md_blocks{device="md0"} 1000']);
    expect(text).not.toMatch(/^node_md_(degraded|raid_disks)/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="mdadm"} 1']);
  });

  it('reads the sync line of a degraded array being rebuilt', async () => {
    const mdstat =
      'Personalities : [raid1]\nmd0 : active raid1 sdb1[2] sda1[0]\n      1953381376 blocks super 1.2 [2/1] [U_]\n' +
      '      [===>.................]  recovery = 17.3% (338010112/1953381376) finish=142.6min speed=188734K/sec\n      bitmap: 3/15 pages [12KB], 65536KB chunk\n\nunused devices: <none>\n';
    const text = await scrapeTree({ 'proc/mdstat': mdstat, ...md('md0', { ...RAID1_ATTRS, degraded: '1', sync_action: 'recover', sync_completed: '676020224 / 3906762752' }) });
    expect(samples(text, 'node_md_blocks_synced')).toEqual(['node_md_blocks_synced{device="md0"} 338010112']);
    expect(samples(text, 'node_md_state').filter((l) => l.endsWith(' 1'))).toEqual(['node_md_state{device="md0",state="recovering"} 1']);
    expect(samples(text, 'node_md_disks')).toEqual([
      'node_md_disks{device="md0",state="active"} 1',
      'node_md_disks{device="md0",state="failed"} 0',
      'node_md_disks{device="md0",state="spare"} 0',
    ]);
    expect(samples(text, 'node_md_degraded')).toEqual(['node_md_degraded{device="md0"} 1']);
  });

  it.each([
    // written as is (a string node gets a newline appended, which would complete the array)
    ['a truncated /proc/mdstat', { 'proc/mdstat': Buffer.from('Personalities : [raid1]\nmd0 : active raid1 sda1[0]\n      12 blocks [1/1] [U]\n') }],
    ['a status line without a size', { 'proc/mdstat': 'md0 : active raid1 sda1[0]\n      many blocks [1/1] [U]\n\n\n' }],
    ['a garbled sync line', { 'proc/mdstat': 'md0 : active raid1 sda1[0]\n      12 blocks [1/1] [U]\n      resync = x% (a/b)\n\n' }],
    ['an unreadable md attribute', { 'proc/mdstat': RAID1, ...md('md0', { ...RAID1_ATTRS, degraded: 'lots' }) }],
    ['an unparsable sync_completed', { 'proc/mdstat': RAID1, ...md('md0', { ...RAID1_ATTRS, sync_completed: 'delayed' }) }],
  ])('fails the collector (success 0, logged once) on %s, never the scrape', async (_name, nodes) => {
    const log = recordingLogger();
    const text = await scrapeTree(nodes, log);
    expect(text).not.toMatch(/^node_md_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="mdadm"} 0']);
    expect(log.lines.filter((l) => l.startsWith('error'))).toHaveLength(1);
  });

  it('reports no data when an md attribute procfs needs is missing', async () => {
    const { uuid: _gone, ...attrs } = RAID1_ATTRS;
    const text = await scrapeTree({ 'proc/mdstat': RAID1, ...md('md0', attrs) });
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="mdadm"} 0']);
  });
});
