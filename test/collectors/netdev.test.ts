import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';

const HEADER =
  'Inter-|   Receive                                                |  Transmit\n' +
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';

function procWithNetDev(text: string | undefined): string {
  const root = mkdtempSync(join(tmpdir(), 'lte-netdev-'));
  mkdirSync(join(root, 'proc', 'net'), { recursive: true });
  mkdirSync(join(root, 'sys'));
  if (text !== undefined) writeFileSync(join(root, 'proc', 'net', 'dev'), text);
  return root;
}

const treeFlags = (root: string): string[] => [`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, `--path.rootfs=${root}`, '--collector.disable-defaults', '--collector.netdev'];
const routerFlags = [...machineFlags('router'), '--collector.disable-defaults', '--collector.netdev'];
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');

/** The device labels of one family, in exposition order. */
function devices(text: string, family = 'node_network_receive_bytes_total'): string[] {
  return samples(text, family).map((l) => /device="([^"]*)"/.exec(l)?.[1] ?? '?');
}

const ALL = ['lo', 'eth0', 'lan1', 'br-lan', 'eth0.2', 'br-lan.10', 'pppoe-wan', 'wg0', 'phy0-ap0', 'lan2', 'lan3', 'bond0'];

describe('netdev collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper(routerFlags).scrape();
    expectGolden('router/netdev.prom', stable(text));
    expect(devices(text)).toEqual(ALL);
    // 16 /proc/net/dev counter families, one sample per interface each, and rx_nohandler for the 6
    // interfaces whose sysfs statistics have it.
    expect(text.match(/^# TYPE node_network_\S+ counter$/gm)).toHaveLength(17);
    expect(text.match(/^node_network_\S+\{device="[^"]+"\} \S+$/gm)).toHaveLength(16 * ALL.length + 6);
    // lan1's counters are all different: each lands in its own family.
    const lan1 = (fam: string): string[] => samples(text, fam).filter((l) => l.includes('device="lan1"'));
    expect(lan1('node_network_receive_bytes_total')).toEqual(['node_network_receive_bytes_total{device="lan1"} 7345120981']);
    expect(lan1('node_network_receive_errs_total')).toEqual(['node_network_receive_errs_total{device="lan1"} 3']);
    expect(lan1('node_network_receive_drop_total')).toEqual(['node_network_receive_drop_total{device="lan1"} 4']);
    expect(lan1('node_network_receive_fifo_total')).toEqual(['node_network_receive_fifo_total{device="lan1"} 1']);
    expect(lan1('node_network_receive_frame_total')).toEqual(['node_network_receive_frame_total{device="lan1"} 6']);
    expect(lan1('node_network_receive_multicast_total')).toEqual(['node_network_receive_multicast_total{device="lan1"} 21877']);
    expect(lan1('node_network_transmit_errs_total')).toEqual(['node_network_transmit_errs_total{device="lan1"} 2']);
    expect(lan1('node_network_transmit_drop_total')).toEqual(['node_network_transmit_drop_total{device="lan1"} 9']);
    expect(lan1('node_network_transmit_colls_total')).toEqual(['node_network_transmit_colls_total{device="lan1"} 3']);
    expect(lan1('node_network_transmit_carrier_total')).toEqual(['node_network_transmit_carrier_total{device="lan1"} 5']);
    // Above 2^32 exact; 2^64 - 3 becomes the nearest double, 2^64.
    expect(samples(text, 'node_network_receive_bytes_total')).toContain('node_network_receive_bytes_total{device="wg0"} 4294967297');
    expect(samples(text, 'node_network_receive_drop_total')).toContain('node_network_receive_drop_total{device="phy0-ap0"} 18446744073709552000');
    expect(samples(text, 'node_network_transmit_compressed_total')).toContain('node_network_transmit_compressed_total{device="pppoe-wan"} 9');
    expect(text).toContain('# HELP node_network_receive_errs_total Network device statistic receive_errs.');
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="netdev"} 1']);
  });

  it('exports only the devices matching --collector.netdev.device-include', async () => {
    const text = await fixtureScraper([...routerFlags, '--collector.netdev.device-include=^(eth0\\.2|pppoe-wan|wg0)$']).scrape();
    expect(devices(text)).toEqual(['eth0.2', 'pppoe-wan', 'wg0']);
    expect(devices(text, 'node_network_transmit_carrier_total')).toEqual(['eth0.2', 'pppoe-wan', 'wg0']);
  });

  it('drops the devices matching --collector.netdev.device-exclude (unanchored, like Go regexp.MatchString)', async () => {
    const text = await fixtureScraper([...routerFlags, '--collector.netdev.device-exclude=lan|^lo$']).scrape();
    expect(devices(text)).toEqual(['eth0', 'eth0.2', 'pppoe-wan', 'wg0', 'phy0-ap0', 'bond0']);
  });

  it('takes node_exporter\'s deprecated device-whitelist/-blacklist, with a warning, and accepts --collector.netdev.netlink', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...routerFlags, '--collector.netdev.device-whitelist=^wg0$', '--no-collector.netdev.netlink'], log).scrape();
    expect(devices(text)).toEqual(['wg0']);
    expect(log.lines.filter((l) => l.startsWith('warn '))).toEqual([expect.stringContaining('--collector.netdev.device-whitelist is DEPRECATED and will be removed in 2.0.0, use --collector.netdev.device-include')]);
    expect(devices(await fixtureScraper([...routerFlags, '--collector.netdev.device-blacklist=.']).scrape())).toEqual([]);
    expect(() => fixtureScraper([...routerFlags, '--collector.netdev.device-blacklist=a', '--collector.netdev.device-exclude=b'])).toThrow('--collector.netdev.device-blacklist and --collector.netdev.device-exclude are mutually exclusive');
  });

  it('escapes the dot only when told: an unescaped include pattern is a regex', async () => {
    const text = await fixtureScraper([...routerFlags, '--collector.netdev.device-include=^br-lan.10$']).scrape();
    expect(devices(text)).toEqual(['br-lan.10']);
    const text2 = await fixtureScraper([...routerFlags, '--collector.netdev.device-include=^eth0.']).scrape();
    expect(devices(text2)).toEqual(['eth0.2']);
  });

  it('refuses to start with both device-include and device-exclude', () => {
    expect(() => fixtureScraper([...routerFlags, '--collector.netdev.device-include=eth', '--collector.netdev.device-exclude=lo'])).toThrow(/mutually exclusive/);
  });

  it('does not check the flags of a disabled collector', () => {
    expect(() => fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.loadavg', '--collector.netdev.device-include=eth', '--collector.netdev.device-exclude=lo'])).not.toThrow();
  });

  it('reports success 0 and exports nothing when /proc/net/dev is missing', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), '--collector.disable-defaults', '--collector.netdev']).scrape();
    expect(text).not.toMatch(/^node_network_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="netdev"} 0']);
  });

  it('reports success 0 on a garbage file', async () => {
    const text = await fixtureScraper(treeFlags(procWithNetDev('garbage\x00\n'))).scrape();
    expect(text).not.toMatch(/^node_network_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="netdev"} 0']);
  });

  it('a malformed line does not hide the other interfaces', async () => {
    const text = await fixtureScraper(treeFlags(procWithNetDev(`${HEADER}  eth0: 1 2 3\n  eth1: x 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n    lo: 5 6 0 0 0 0 0 0 5 6 0 0 0 0 0 0\n`))).scrape();
    expect(samples(text, 'node_network_receive_bytes_total')).toEqual(['node_network_receive_bytes_total{device="lo"} 5']);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="netdev"} 1']);
  });

  it('reads a name that touches the colon (old kernels)', async () => {
    const text = await fixtureScraper(treeFlags(procWithNetDev(`${HEADER}br-lan.10:123456789 2 0 0 0 0 0 0 5 6 0 0 0 0 0 0\n`))).scrape();
    expect(samples(text, 'node_network_receive_bytes_total')).toEqual(['node_network_receive_bytes_total{device="br-lan.10"} 123456789']);
  });

  it('escapes an interface name that needs it in the label value', async () => {
    const text = await fixtureScraper(treeFlags(procWithNetDev(`${HEADER}we"ird\\if: 1 2 0 0 0 0 0 0 5 6 0 0 0 0 0 0\n`))).scrape();
    expect(samples(text, 'node_network_receive_bytes_total')).toEqual(['node_network_receive_bytes_total{device="we\\"ird\\\\if"} 1']);
  });

  it('stops exporting an interface that disappears between two scrapes', async () => {
    const root = procWithNetDev(`${HEADER}    lo: 5 6 0 0 0 0 0 0 5 6 0 0 0 0 0 0\n   wg0: 7 8 0 0 0 0 0 0 9 10 0 0 0 0 0 0\n`);
    const scraper = fixtureScraper(treeFlags(root));
    expect(devices(await scraper.scrape())).toEqual(['lo', 'wg0']);
    writeFileSync(join(root, 'proc', 'net', 'dev'), `${HEADER}    lo: 15 16 0 0 0 0 0 0 15 16 0 0 0 0 0 0\n`);
    const text = await scraper.scrape();
    expect(text).not.toContain('wg0');
    expect(samples(text, 'node_network_receive_bytes_total')).toEqual(['node_network_receive_bytes_total{device="lo"} 15']);
  });
});
