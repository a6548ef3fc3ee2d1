import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

const HEADER = 'IP address       HW type     Flags       HW address            Mask     Device\n';
const router = (...extra: string[]) => fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.arp', ...extra]);

describe('arp collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await router().scrape();
    expectGolden('router/arp.prom', stable(text));
    // Incomplete (flags 0x0) and permanent entries count as /proc/net/arp lists them. pppoe-wan and
    // wg0 are IFF_NOARP devices: the kernel keeps no ARP entries for them.
    expect(samples(text, 'node_arp_entries')).toEqual(['node_arp_entries{device="br-lan"} 5', 'node_arp_entries{device="br-lan.10"} 2', 'node_arp_entries{device="eth0.2"} 1']);
  });
  it('filters devices with --collector.arp.device-include / device-exclude', async () => {
    expect(samples(await router('--collector.arp.device-include=^br-lan').scrape(), 'node_arp_entries')).toEqual(['node_arp_entries{device="br-lan"} 5', 'node_arp_entries{device="br-lan.10"} 2']);
    expect(samples(await router('--collector.arp.device-exclude=\\.').scrape(), 'node_arp_entries')).toEqual(['node_arp_entries{device="br-lan"} 5']);
  });
  it('accepts --no-collector.arp.netlink and --collector.arp.netlink (it always reads /proc/net/arp)', async () => {
    for (const flag of ['--no-collector.arp.netlink', '--collector.arp.netlink']) {
      expect(samples(await router(flag).scrape(), 'node_arp_entries')).toHaveLength(3);
    }
  });
  it('exports nothing, successfully, for an empty table, and drops a device whose entries are gone', async () => {
    const root = procTree({ 'net/arp': `${HEADER}192.168.1.5 0x1 0x2 aa:bb:cc:dd:ee:ff * br-lan\n10.0.0.2 0x1 0x2 aa:bb:cc:dd:ee:01 * eth1\n` });
    const scraper = treeScraper(root, ['arp']);
    expect(samples(await scraper.scrape(), 'node_arp_entries')).toEqual(['node_arp_entries{device="br-lan"} 1', 'node_arp_entries{device="eth1"} 1']);
    writeFileSync(join(root, 'proc/net/arp'), `${HEADER}192.168.1.5 0x1 0x2 aa:bb:cc:dd:ee:ff * br-lan\n`);
    expect(samples(await scraper.scrape(), 'node_arp_entries')).toEqual(['node_arp_entries{device="br-lan"} 1']);
    writeFileSync(join(root, 'proc/net/arp'), HEADER);
    const empty = await scraper.scrape();
    expect(samples(empty, 'node_arp_entries')).toEqual([]);
    expect(success(empty, 'arp')).toBe(1);
  });
  it.each([
    ['missing', {}],
    ['garbage', { 'net/arp': 'no table here\n' }],
  ])('reports success 0 when /proc/net/arp is %s', async (_name, files: Record<string, string>) => {
    const text = await treeScraper(procTree(files), ['arp']).scrape();
    expect(text).not.toMatch(/^node_arp_/m);
    expect(success(text, 'arp')).toBe(0);
  });
});
