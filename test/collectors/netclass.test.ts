import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';
import type { Node } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.netclass'];
const router = (...extra: string[]) => fixtureScraper([...machineFlags('router'), ...ONLY, ...extra]);
const onTree = (sys: string, ...extra: string[]) => fixtureScraper(sysTreeFlags(sys, ['netclass'], extra));
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');
const devices = (text: string, family = 'node_network_up'): string[] => samples(text, family).map((l) => /device="([^"]*)"/.exec(l)?.[1] ?? '?');

const ALL = ['bond0', 'br-lan', 'br-lan.10', 'eth0', 'eth0.2', 'lan1', 'lan2', 'lan3', 'lo', 'phy0-ap0', 'pppoe-wan', 'wg0'];

/** A minimal interface directory under devices/virtual/net, linked from class/net as the kernel does. */
function iface(name: string, attrs: Readonly<Record<string, string>>): Record<string, Node> {
  const out: Record<string, Node> = { [`class/net/${name}`]: { link: `../../devices/virtual/net/${name}` } };
  for (const [k, v] of Object.entries(attrs)) out[`devices/virtual/net/${name}/${k}`] = v;
  return out;
}
const UP = { operstate: 'up', flags: '0x1003', mtu: '1500', ifindex: '2', address: '02:00:00:00:00:01' };

describe('netclass collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await router().scrape();
    expectGolden('router/netclass.prom', stable(text));
    expect(devices(text)).toEqual(ALL);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="netclass"} 1']);
  });

  it('reports operstate and flags as node_exporter does', async () => {
    const text = await router().scrape();
    expect(samples(text, 'node_network_up').filter((l) => l.endsWith(' 1')).map((l) => /device="([^"]*)"/.exec(l)?.[1])).toEqual(['bond0', 'br-lan', 'br-lan.10', 'eth0', 'eth0.2', 'lan2', 'phy0-ap0']);
    expect(samples(text, 'node_network_info')).toContain(
      'node_network_info{address="ec:6c:9a:1e:02:10",adminstate="up",broadcast="ff:ff:ff:ff:ff:ff",device="lan1",duplex="unknown",ifalias="",operstate="down"} 1',
    );
    // No link-layer address on PPP and WireGuard: empty labels.
    expect(samples(text, 'node_network_info')).toContain('node_network_info{address="",adminstate="up",broadcast="",device="wg0",duplex="",ifalias="",operstate="unknown"} 1');
    expect(samples(text, 'node_network_info')).toContain(
      'node_network_info{address="ec:6c:9a:1e:02:10",adminstate="up",broadcast="ff:ff:ff:ff:ff:ff",device="br-lan.10",duplex="",ifalias="Guest network (VLAN 10)",operstate="up"} 1',
    );
    expect(samples(text, 'node_network_flags')).toContain('node_network_flags{device="pppoe-wan"} 4241');
    expect(samples(text, 'node_network_protocol_type')).toEqual(expect.arrayContaining(['node_network_protocol_type{device="wg0"} 65534', 'node_network_protocol_type{device="pppoe-wan"} 512', 'node_network_protocol_type{device="lo"} 772']));
    expect(samples(text, 'node_network_iface_link')).toContain('node_network_iface_link{device="eth0.2"} 2');
    expect(text).toContain('# TYPE node_network_carrier_changes_total counter');
    expect(text).toContain('# HELP node_network_mtu_bytes Network device property: mtu_bytes');
  });

  it('leaves out attributes the kernel cannot give (speed, duplex, name_assign_type)', async () => {
    const text = await router().scrape();
    // Speed only where ethtool link settings exist; lan1 and lan3 have no link (-1), exported as
    // node_exporter does; a bond's speed is its active ports' sum.
    expect(samples(text, 'node_network_speed_bytes')).toEqual([
      'node_network_speed_bytes{device="bond0"} 125000000',
      'node_network_speed_bytes{device="eth0"} 312500000',
      'node_network_speed_bytes{device="eth0.2"} 312500000',
      'node_network_speed_bytes{device="lan1"} -125000',
      'node_network_speed_bytes{device="lan2"} 125000000',
      'node_network_speed_bytes{device="lan3"} -125000',
    ]);
    // lo has NET_NAME_UNKNOWN: reading name_assign_type fails with EINVAL.
    expect(devices(text, 'node_network_name_assign_type')).toEqual(ALL.filter((d) => d !== 'lo'));
  });

  it('drops speed -1 with --collector.netclass.ignore-invalid-speed', async () => {
    const text = await router('--collector.netclass.ignore-invalid-speed').scrape();
    expect(devices(text, 'node_network_speed_bytes')).toEqual(['bond0', 'eth0', 'eth0.2', 'lan2']);
  });

  it('skips devices matching --collector.netclass.ignored-devices (unanchored, like Go)', async () => {
    expect(devices(await router('--collector.netclass.ignored-devices=^(lo|wg0)$').scrape())).toEqual(ALL.filter((d) => d !== 'lo' && d !== 'wg0'));
    expect(devices(await router('--collector.netclass.ignored-devices=\\.').scrape())).toEqual(['bond0', 'br-lan', 'eth0', 'lan1', 'lan2', 'lan3', 'lo', 'phy0-ap0', 'pppoe-wan', 'wg0']);
    // An empty pattern matches everything in Go.
    expect(devices(await router('--collector.netclass.ignored-devices=').scrape())).toEqual([]);
  });

  it('reports success 0 and exports nothing without /sys/class/net', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY]).scrape();
    expect(text).not.toMatch(/^node_network_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="netclass"} 0']);
  });

  it('skips regular files and unreadable devices, and keeps the other devices', async () => {
    const sys = sysTree({
      ...iface('eth0', UP),
      'class/net/bonding_masters': 'bond0',
      'class/net/gone0': { link: '../../devices/virtual/net/gone0' },
      // A plain directory (some test trees and containers) is read like a link.
      'class/net/dir0/operstate': 'down',
      'class/net/dir0/flags': '0x1002',
    });
    const text = await onTree(sys).scrape();
    expect(devices(text)).toEqual(['dir0', 'eth0']);
    expect(samples(text, 'node_network_info')).toContain('node_network_info{address="",adminstate="down",broadcast="",device="dir0",duplex="",ifalias="",operstate="down"} 1');
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="netclass"} 1']);
  });

  it('leaves out one attribute that cannot be read or parsed, not the device', async () => {
    const sys = sysTree({
      ...iface('eth0', { ...UP, mtu: 'garbage', carrier: '' }),
      'devices/virtual/net/eth0/speed/': { dir: true },
      // Links inside the device directory are not attributes.
      'devices/virtual/net/eth0/tx_queue_len': { link: '../../../../tx_queue_len_elsewhere' },
      'tx_queue_len_elsewhere': '1000',
    });
    const text = await onTree(sys).scrape();
    expect(samples(text, 'node_network_up')).toEqual(['node_network_up{device="eth0"} 1']);
    expect(samples(text, 'node_network_iface_id')).toEqual(['node_network_iface_id{device="eth0"} 2']);
    expect(text).not.toMatch(/^node_network_(mtu_bytes|carrier|speed_bytes|transmit_queue_length)\{/m);
  });

  it('says adminstate "unknown" without a flags file', async () => {
    const sys = sysTree(iface('x0', { operstate: 'up' }));
    expect(samples(await onTree(sys).scrape(), 'node_network_info')).toEqual([
      'node_network_info{address="",adminstate="unknown",broadcast="",device="x0",duplex="",ifalias="",operstate="up"} 1',
    ]);
  });

  it('stops exporting a device that went away between two scrapes', async () => {
    const sys = sysTree({ ...iface('eth0', UP), ...iface('wg0', { ...UP, ifindex: '9' }) });
    const scraper = onTree(sys);
    expect(devices(await scraper.scrape())).toEqual(['eth0', 'wg0']);
    rmSync(join(sys, 'class/net/wg0'));
    const text = await scraper.scrape();
    expect(devices(text)).toEqual(['eth0']);
    expect(text).not.toContain('wg0');
    // And a renamed one shows up under its new name only.
    renameSync(join(sys, 'class/net/eth0'), join(sys, 'class/net/wan'));
    expect(devices(await scraper.scrape())).toEqual(['wan']);
  });
});
