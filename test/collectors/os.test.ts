import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { machineTree, machineTreeFlags } from './machineTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.os'];
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');
const router = (f: string): string => readFileSync(join(FIXTURES, 'router', f), 'utf8');
const onTree = (root: string) => fixtureScraper(machineTreeFlags(root, ['os']));

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n';

describe('os collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/os.prom', stable(text));
    expect(samples(text, 'node_os_version')).toEqual(['node_os_version{id="openwrt",id_like="lede openwrt",name="OpenWrt"} 24.1']);
    expect(samples(text, 'node_openwrt_info')).toEqual([
      'node_openwrt_info{board_name="bananapi,bpi-r3",id="OpenWrt",model="Bananapi BPI-R3",release="24.10.2",revision="r28739-d9340319c6",system="ARMv8 Processor rev 4",target="mediatek/filogic"} 1',
    ]);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="os"} 1']);
  });

  it('falls back to /usr/lib/os-release and exports no OpenWrt info elsewhere', async () => {
    const text = await onTree(machineTree({ 'usr/lib/os-release': DEBIAN })).scrape();
    expect(samples(text, 'node_os_info')).toEqual([
      'node_os_info{build_id="",id="debian",id_like="",image_id="",image_version="",name="Debian GNU/Linux",pretty_name="Debian GNU/Linux 12 (bookworm)",variant="",variant_id="",version="12 (bookworm)",version_codename="bookworm",version_id="12"} 1',
    ]);
    expect(samples(text, 'node_os_version')).toEqual(['node_os_version{id="debian",id_like="",name="Debian GNU/Linux"} 12']);
    expect(text).not.toContain('node_openwrt_info');
  });

  it('prefers /etc/os-release over /usr/lib/os-release', async () => {
    const text = await onTree(machineTree({ 'etc/os-release': 'ID=alpine\nVERSION_ID=3.20.3\n', 'usr/lib/os-release': DEBIAN })).scrape();
    expect(samples(text, 'node_os_version')).toEqual(['node_os_version{id="alpine",id_like="",name=""} 3.2']);
  });

  it('reports success 0 (no data) without any os-release or openwrt_release', async () => {
    const text = await onTree(machineTree({})).scrape();
    expect(text).not.toMatch(/^node_os_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="os"} 0']);
  });

  it('exports SUPPORT_END as a timestamp, skips an invalid one, and omits the version when VERSION_ID is not numeric', async () => {
    const ok = await onTree(machineTree({ 'etc/os-release': `${DEBIAN}SUPPORT_END=2028-06-30\n` })).scrape();
    expect(samples(ok, 'node_os_support_end_timestamp_seconds')).toEqual(['node_os_support_end_timestamp_seconds 1845936000']);
    const bad = await onTree(machineTree({ 'etc/os-release': 'ID=openwrt\nVERSION_ID="SNAPSHOT"\nSUPPORT_END=soon\n' })).scrape();
    expect(samples(bad, 'node_os_support_end_timestamp_seconds')).toEqual([]);
    expect(samples(bad, 'node_os_version')).toEqual([]);
    expect(samples(bad, 'node_os_info')).toHaveLength(1);
    expect(success(bad)).toEqual(['node_scrape_collector_success{collector="os"} 1']);
  });

  it('takes the model from board.json and the board name from /tmp/sysinfo when the better sources are missing', async () => {
    const root = machineTree({
      'etc/os-release': router('usr/lib/os-release'),
      'etc/openwrt_release': router('etc/openwrt_release'),
      'etc/board.json': '{"model": {"name": "Xiaomi Mi Router 4A Gigabit Edition"}}',
      'tmp/sysinfo/board_name': 'xiaomi,mi-router-4a-gigabit',
      'proc/cpuinfo': 'system type\t\t: MediaTek MT7621 ver:1 eco:3\nprocessor\t\t: 0\ncpu model\t\t: MIPS 1004Kc V2.15\n',
    });
    expect(samples(await onTree(root).scrape(), 'node_openwrt_info')).toEqual([
      'node_openwrt_info{board_name="xiaomi,mi-router-4a-gigabit",id="OpenWrt",model="Xiaomi Mi Router 4A Gigabit Edition",release="24.10.2",revision="r28739-d9340319c6",system="MediaTek MT7621 ver:1 eco:3",target="mediatek/filogic"} 1',
    ]);
    const bare = machineTree({ 'etc/openwrt_release': "DISTRIB_ID='OpenWrt'\nDISTRIB_RELEASE='SNAPSHOT'\n" });
    const text = await onTree(bare).scrape();
    expect(samples(text, 'node_openwrt_info')).toEqual(['node_openwrt_info{board_name="",id="OpenWrt",model="",release="SNAPSHOT",revision="",system="",target=""} 1']);
    // No os-release, but OpenWrt info: the collector has data.
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="os"} 1']);
  });

  it('re-reads a release file when it changes, and only then', async () => {
    const root = machineTree({ 'etc/os-release': 'ID=openwrt\nVERSION_ID=23.05.5\n' });
    const path = join(root, 'etc/os-release');
    const scraper = onTree(root);
    expect(samples(await scraper.scrape(), 'node_os_version')).toEqual(['node_os_version{id="openwrt",id_like="",name=""} 23.05']);
    // Same size, same inode, same modification time: the cached release is served.
    const { atime, mtime } = statSync(path);
    writeFileSync(path, 'ID=openwrt\nVERSION_ID=23.05.4\n');
    utimesSync(path, atime, mtime);
    expect(samples(await scraper.scrape(), 'node_os_version')).toEqual(['node_os_version{id="openwrt",id_like="",name=""} 23.05']);
    // A sysupgrade writes a new file.
    writeFileSync(path, 'ID=openwrt\nVERSION_ID=24.10.2\n');
    utimesSync(path, atime, new Date(mtime.getTime() + 1000));
    expect(samples(await scraper.scrape(), 'node_os_version')).toEqual(['node_os_version{id="openwrt",id_like="",name=""} 24.1']);
  });

  it('reports success 0 on an openwrt_release without any DISTRIB_ line', async () => {
    const text = await onTree(machineTree({ 'etc/os-release': DEBIAN, 'etc/openwrt_release': 'garbage\n' })).scrape();
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="os"} 0']);
  });
});
