import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTORS } from '../../src/collectors/index.ts';
import { findIw } from '../../src/collectors/wifi.ts';
import { FIXTURES, expectGolden, fixtureScraper, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { hasCommand, promtoolFindings } from '../helpers/tools.ts';

const fakeIw = join(FIXTURES, 'iw', 'fake-iw');
/** A sysfs with three radios in class/ieee80211, the collector's cue to run iw. */
const radios = `--path.sysfs=${join(FIXTURES, 'iw', 'sys')}`;
const wifiOnly = (...extra: string[]): string[] => ['--collector.disable-defaults', '--collector.wifi', radios, `--collector.wifi.iw=${fakeIw}`, ...extra];
/** One scrape of the wifi collector alone on a fake-iw scenario, less the duration line. */
const scrape = async (scenario: string, ...extra: string[]): Promise<string> => {
  process.env.IW_FIXTURE = scenario;
  return stable(await fixtureScraper(wifiOnly(...extra)).scrape());
};
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');
const macs = (text: string): string[] => [...text.matchAll(/[0-9a-f]{2}(?::[0-9a-f]{2}){5}/g)].map((m) => m[0]);
const havePromtool = hasCommand('promtool');
const haveIw = hasCommand('iw');
if (!haveIw) console.warn('iw not installed (apt-get install iw): skipping the wifi test with the real iw');

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'wifi-test-'));
});
afterEach(() => {
  delete process.env.IW_FIXTURE;
  delete process.env.IW_LOG;
  rmSync(tmp, { recursive: true, force: true });
});

describe('wifi collector', () => {
  it('is off by default, as in node_exporter', () => {
    expect(COLLECTORS.find((c) => c.name === 'wifi')?.defaultEnabled).toBe(false);
    expect(fixtureScraper([]).collectorNames).not.toContain('wifi');
  });

  it('reports every station of an OpenWrt router\'s APs and its client uplink (golden)', async () => {
    expectGolden('router/wifi.prom', await scrape('router'));
  });

  it('runs iw dev once, station dump on every interface but monitors, link on client interfaces only', async () => {
    process.env.IW_LOG = join(tmp, 'calls');
    await scrape('router');
    expect(readFileSync(process.env.IW_LOG, 'utf8').trim().split('\n').sort()).toEqual([
      'dev',
      'dev phy0-ap0 station dump',
      'dev phy0-sta0 link',
      'dev phy0-sta0 station dump',
      'dev phy1-ap0 station dump',
      'dev phy1-ap1 station dump',
    ]);
  });

  it('reads a Wi-Fi 7 (MLO) client: the station\'s totals, no frequency for an MLD', async () => {
    const text = await scrape('laptop');
    expect(samples(text, 'node_wifi_interface_frequency_hertz')).toEqual([]);
    expect(samples(text, 'node_wifi_station_info')).toEqual(['node_wifi_station_info{device="wlp0s20f3",bssid="3a:07:16:00:00:30",ssid="HomeNet-7",mode="client"} 1']);
    expect(samples(text, 'node_wifi_station_transmit_bits_per_second')).toEqual(['node_wifi_station_transmit_bits_per_second{device="wlp0s20f3",mac_address="3a:07:16:00:00:30"} 2882300000']);
    expect(samples(text, 'node_wifi_station_receive_bytes_total')).toEqual(['node_wifi_station_receive_bytes_total{device="wlp0s20f3",mac_address="3a:07:16:00:00:30"} 11319']);
  });

  it('copes with a vanished interface, a station listed twice, bad values, IBSS and no link', async () => {
    process.env.IW_FIXTURE = 'odd';
    const log = recordingLogger();
    const text = await fixtureScraper(wifiOnly(), log).scrape();
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="wifi"} 1']);
    expect(samples(text, 'node_wifi_interface_stations')).toEqual([
      'node_wifi_interface_stations{device="wlan0"} 0',
      'node_wifi_interface_stations{device="mesh0"} 2',
      'node_wifi_interface_stations{device="adhoc0"} 1',
    ]);
    expect(samples(text, 'node_wifi_interface_info')).toContain('node_wifi_interface_info{device="gone0",type="AP",ssid=" odd\\\\name\ufffd"} 1');
    expect(samples(text, 'node_wifi_station_info')).toEqual(['node_wifi_station_info{device="adhoc0",bssid="02:00:00:00:06:99",ssid="freifunk",mode="ad-hoc"} 1']);
    // The first of the two 05:01 blocks wins; its unreadable rx bytes and signal are left out, not zero.
    expect(samples(text, 'node_wifi_station_receive_bytes_total')).toEqual(['node_wifi_station_receive_bytes_total{device="adhoc0",mac_address="02:00:00:00:06:01"} 100']);
    expect(samples(text, 'node_wifi_station_transmit_bytes_total')).toContain('node_wifi_station_transmit_bytes_total{device="mesh0",mac_address="02:00:00:00:05:01"} 5120');
    expect(samples(text, 'node_wifi_station_signal_dbm')).toEqual(['node_wifi_station_signal_dbm{device="adhoc0",mac_address="02:00:00:00:06:01"} -60']);
    expect(log.lines.filter((l) => !l.startsWith('debug '))).toEqual([]);
    expect(log.lines.some((l) => l.includes('gone0') && l.includes('No such device'))).toBe(true);
  });

  it('does not run iw without cfg80211 (no data) or without a radio (nothing to say)', async () => {
    process.env.IW_LOG = join(tmp, 'calls');
    process.env.IW_FIXTURE = 'router';
    const log = recordingLogger();
    const noClass = await fixtureScraper([...wifiOnly(), `--path.sysfs=${join(FIXTURES, 'router', 'sys')}`], log).scrape();
    expect(success(noClass)).toEqual(['node_scrape_collector_success{collector="wifi"} 0']);
    expect(log.lines).toEqual([expect.stringMatching(/^debug collector returned no data .*class\/ieee80211 does not exist/)]);
    mkdirSync(join(tmp, 'sys', 'class', 'ieee80211'), { recursive: true });
    const noRadio = await fixtureScraper([...wifiOnly(), `--path.sysfs=${join(tmp, 'sys')}`]).scrape();
    expect(success(noRadio)).toEqual(['node_scrape_collector_success{collector="wifi"} 1']);
    expect(noRadio).not.toMatch(/^node_wifi_/m);
    expect(existsSync(process.env.IW_LOG)).toBe(false);
  });

  it('succeeds with nothing to say when nl80211 has no wireless interface', async () => {
    const text = await scrape('none');
    expect(text).not.toMatch(/^node_wifi_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="wifi"} 1']);
  });

  it.each([
    ['the kernel has no nl80211', 'no-nl80211', fakeIw],
    ['iw is not installed', 'router', '/nonexistent/iw'],
  ])('reports no data when %s: success 0, logged at debug level only', async (_what, scenario, iw) => {
    process.env.IW_FIXTURE = scenario;
    const log = recordingLogger();
    const scraper = fixtureScraper([...wifiOnly(), `--collector.wifi.iw=${iw}`], log);
    for (let i = 0; i < 3; i++) {
      const text = await scraper.scrape();
      expect(text).not.toMatch(/^node_wifi_/m);
      expect(success(text)).toEqual(['node_scrape_collector_success{collector="wifi"} 0']);
    }
    expect(log.lines).toHaveLength(3);
    expect(log.lines.every((l) => l.startsWith('debug collector returned no data'))).toBe(true);
  });

  it.skipIf(!haveIw)('runs the real iw found on $PATH without logging anything above debug', async () => {
    const log = recordingLogger();
    const scraper = fixtureScraper(['--collector.disable-defaults', '--collector.wifi', radios], log);
    const text = await scraper.scrape();
    await scraper.scrape();
    // On a machine without nl80211 (CI VMs) that is no data; with Wi-Fi hardware, whatever iw reports.
    const [ok] = success(text);
    if (ok?.endsWith(' 0')) expect(text).not.toMatch(/^node_wifi_/m);
    else expect(ok).toBe('node_scrape_collector_success{collector="wifi"} 1');
    expect(log.lines.filter((l) => !l.startsWith('debug '))).toEqual([]);
  });

  it('kills an iw that hangs at --collector.wifi.timeout and fails the collector, not the scrape', async () => {
    process.env.IW_FIXTURE = 'slow';
    const log = recordingLogger();
    const text = await fixtureScraper([...wifiOnly(), '--collector.wifi.timeout=200ms', '--collector.loadavg', '--path.procfs=' + join(FIXTURES, 'router', 'proc')], log).scrape();
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="loadavg"} 1', 'node_scrape_collector_success{collector="wifi"} 0']);
    expect(log.lines.filter((l) => l.startsWith('error '))).toEqual([expect.stringMatching(/timed out after 200 ms/)]);
  });

  it('with --collector.wifi.station-mac=hash: keyed 12-hex-digit pseudonyms, stable for one key, no MAC left', async () => {
    const keyFile = join(tmp, 'key');
    writeFileSync(keyFile, 'correct horse battery staple\n');
    const hashed = await scrape('router', '--collector.wifi.station-mac=hash', `--collector.wifi.station-mac-key-file=${keyFile}`);
    const again = await scrape('router', '--collector.wifi.station-mac=hash', `--collector.wifi.station-mac-key-file=${keyFile}`);
    writeFileSync(keyFile, 'another key');
    const otherKey = await scrape('router', '--collector.wifi.station-mac=hash', `--collector.wifi.station-mac-key-file=${keyFile}`);
    const raw = await scrape('router');
    expect(macs(hashed)).toEqual([]);
    expect(again).toBe(hashed);
    const labels = (t: string): string[] => [...new Set([...t.matchAll(/(?:mac_address|bssid)="([^"]*)"/g)].map((m) => m[1] as string))];
    expect(labels(hashed)).toHaveLength(6);
    expect(labels(hashed).every((l) => /^[0-9a-f]{12}$/.test(l))).toBe(true);
    expect(labels(otherKey)).toHaveLength(6);
    expect(labels(otherKey).filter((l) => labels(hashed).includes(l))).toEqual([]);
    // Same series, same values: only the address labels differ.
    const shape = (t: string): string[] => t.split('\n').filter((l) => l.startsWith('node_wifi_')).map((l) => l.replace(/(mac_address|bssid)="[^"]*"/g, '$1=""'));
    expect(shape(hashed)).toEqual(shape(raw));
  });

  it('with hash and no key file: a random key per start, still no MAC', async () => {
    const a = await scrape('router', '--collector.wifi.station-mac=hash');
    const b = await scrape('router', '--collector.wifi.station-mac=hash');
    expect(macs(a)).toEqual([]);
    expect(a).not.toBe(b);
  });

  it('with --collector.wifi.station-mac=drop: counts and interface series only, no address at all', async () => {
    const text = await scrape('router', '--collector.wifi.station-mac=drop');
    expect(macs(text)).toEqual([]);
    expect(text).not.toMatch(/^node_wifi_station_(?!info)/m);
    expect(samples(text, 'node_wifi_interface_stations')).toHaveLength(4);
    expect(samples(text, 'node_wifi_station_info')).toEqual(['node_wifi_station_info{device="phy0-sta0",bssid="",ssid="Café Upstream",mode="client"} 1']);
  });

  it('refuses bad flags before starting', () => {
    expect(() => fixtureScraper(wifiOnly('--collector.wifi.station-mac=md5'))).toThrow(/--collector.wifi.station-mac "md5": want one of raw, hash, drop/);
    expect(() => fixtureScraper(wifiOnly('--collector.wifi.timeout=soon'))).toThrow(/--collector.wifi.timeout "soon"/);
    expect(() => fixtureScraper(wifiOnly('--collector.wifi.timeout=0s'))).toThrow(/must be positive/);
    expect(() => fixtureScraper(wifiOnly('--collector.wifi.station-mac=hash', `--collector.wifi.station-mac-key-file=${join(tmp, 'none')}`))).toThrow(/station-mac-key-file/);
    writeFileSync(join(tmp, 'empty'), '\n');
    expect(() => fixtureScraper(wifiOnly('--collector.wifi.station-mac=hash', `--collector.wifi.station-mac-key-file=${join(tmp, 'empty')}`))).toThrow(/empty/);
  });

  it.skipIf(!havePromtool)('passes promtool check metrics on every scenario', async () => {
    for (const scenario of ['router', 'laptop', 'odd']) expect(promtoolFindings(await scrape(scenario))).toEqual([]);
  });
});

describe('findIw', () => {
  it('takes the first executable iw in $PATH, skipping relative entries and non-executable files', () => {
    for (const [dir, mode] of [['a', 0o644], ['b', 0o755], ['c', 0o755]] as const) {
      mkdirSync(join(tmp, dir));
      writeFileSync(join(tmp, dir, 'iw'), '#!/bin/sh\n');
      chmodSync(join(tmp, dir, 'iw'), mode);
    }
    expect(findIw(`b:${tmp}/a:${tmp}/b:${tmp}/c`)).toBe(join(tmp, 'b', 'iw'));
  });
  it('falls back to the sbin and bin directories daemons often lack in $PATH', () => {
    const found = findIw(`${tmp}/nothing-here`);
    if (found !== undefined) expect(found).toMatch(/^\/(usr\/)?s?bin\/iw$/);
    expect(findIw(undefined)).toBe(found);
  });
});
