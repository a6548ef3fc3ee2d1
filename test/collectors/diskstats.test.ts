import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, FIXTURES, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';

/** OpenWrt has no udev: point the flag at a directory that does not exist, whatever the test host has. */
const NO_UDEV = `--path.udev.data=${join(FIXTURES, 'router', 'run', 'udev', 'data')}`;
const routerFlags = [...machineFlags('router'), '--collector.disable-defaults', '--collector.diskstats', NO_UDEV];
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');

/** The device labels of one family, in exposition order. */
function devices(text: string, family = 'node_disk_reads_completed_total'): string[] {
  return samples(text, family).map((l) => /device="([^"]*)"/.exec(l)?.[1] ?? '?');
}

interface Tree {
  readonly root: string;
  readonly flags: string[];
}

/** A scratch machine: proc/diskstats, optional sysfs rotational attributes and udev files. */
function tree(diskstats: string | undefined, udev?: Record<string, string>, rotational?: Record<string, string>): Tree {
  const root = mkdtempSync(join(tmpdir(), 'lte-diskstats-'));
  mkdirSync(join(root, 'proc'));
  mkdirSync(join(root, 'sys'));
  if (diskstats !== undefined) writeFileSync(join(root, 'proc', 'diskstats'), diskstats);
  const udevDir = join(root, 'run', 'udev', 'data');
  if (udev) {
    mkdirSync(udevDir, { recursive: true });
    for (const [name, text] of Object.entries(udev)) writeFileSync(join(udevDir, name), text);
  }
  for (const [dev, value] of Object.entries(rotational ?? {})) {
    mkdirSync(join(root, 'sys', 'block', dev, 'queue'), { recursive: true });
    writeFileSync(join(root, 'sys', 'block', dev, 'queue', 'rotational'), value);
  }
  const flags = [`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, `--path.rootfs=${root}`, `--path.udev.data=${udevDir}`, '--collector.disable-defaults', '--collector.diskstats'];
  return { root, flags };
}

const line = (major: number, minor: number, name: string, n: number): string =>
  `${String(major).padStart(4)} ${String(minor).padStart(7)} ${name} ${Array.from({ length: n }, (_, i) => String((i + 1) * 1000)).join(' ')}\n`;

describe('diskstats collector', () => {
  it('matches the golden exposition on the router fixture (no udev)', async () => {
    const text = await fixtureScraper(routerFlags).scrape();
    expectGolden('router/diskstats.prom', stable(text));
    // The default exclude drops ram*, loop*, zram* and sd partitions, not mmc partitions or mtd/ubi blocks.
    const expected = ['mtdblock0', 'mtdblock1', 'mtdblock2', 'mtdblock3', 'mmcblk0', 'mmcblk0p1', 'mmcblk0p2', 'mmcblk0p3', 'mmcblk0boot0', 'mmcblk0boot1', 'ubiblock0_1', 'sda'];
    expect(devices(text)).toEqual(expected);
    expect(devices(text, 'node_disk_info')).toEqual(expected);
    // Kernel 6.6: every device has all 17 counters.
    expect(devices(text, 'node_disk_flush_requests_time_seconds_total')).toEqual(expected);
    // Without udev, node_disk_info keeps major, minor and rotational; the udev-only families are absent.
    expect(samples(text, 'node_disk_info')).toContain('node_disk_info{device="sda",major="8",minor="0",path="",wwn="",model="",serial="",revision="",rotational="1"} 1');
    expect(samples(text, 'node_disk_info')).toContain('node_disk_info{device="mmcblk0",major="179",minor="0",path="",wwn="",model="",serial="",revision="",rotational="0"} 1');
    expect(samples(text, 'node_disk_info')).toContain('node_disk_info{device="ubiblock0_1",major="254",minor="0",path="",wwn="",model="",serial="",revision="",rotational="0"} 1');
    expect(text).not.toMatch(/^node_disk_(filesystem_info|device_mapper_info|ata_)/m);
    // mmcblk0: sectors are 512 bytes (4398046511 sectors written: above 2^32), times are ms, discarded sectors stay sectors.
    const mmc = (fam: string): string[] => samples(text, fam).filter((l) => l.includes('device="mmcblk0"'));
    expect(mmc('node_disk_read_bytes_total')).toEqual(['node_disk_read_bytes_total{device="mmcblk0"} 50296070144']);
    expect(mmc('node_disk_written_bytes_total')).toEqual(['node_disk_written_bytes_total{device="mmcblk0"} 2251799813632']);
    // ms * 0.001 in float64, as node_exporter computes it (1734561 ms -> 1734.5610000000001).
    expect(mmc('node_disk_read_time_seconds_total')).toEqual(['node_disk_read_time_seconds_total{device="mmcblk0"} 1734.5610000000001']);
    expect(mmc('node_disk_io_now')).toEqual(['node_disk_io_now{device="mmcblk0"} 1']);
    expect(mmc('node_disk_io_time_weighted_seconds_total')).toEqual(['node_disk_io_time_weighted_seconds_total{device="mmcblk0"} 100654.321']);
    expect(mmc('node_disk_discarded_sectors_total')).toEqual(['node_disk_discarded_sectors_total{device="mmcblk0"} 3456789012']);
    expect(mmc('node_disk_flush_requests_total')).toEqual(['node_disk_flush_requests_total{device="mmcblk0"} 2345678']);
    expect(mmc('node_disk_flush_requests_time_seconds_total')).toEqual(['node_disk_flush_requests_time_seconds_total{device="mmcblk0"} 567.89']);
    expect(text).toContain('# TYPE node_disk_io_now gauge');
    expect(text).toContain('# TYPE node_disk_io_time_seconds_total counter');
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="diskstats"} 1']);
  });

  it('--collector.diskstats.device-include replaces the default exclude', async () => {
    const text = await fixtureScraper([...routerFlags, '--collector.diskstats.device-include=^(zram0|mmcblk0)$']).scrape();
    expect(devices(text)).toEqual(['mmcblk0', 'zram0']);
    expect(devices(text, 'node_disk_info')).toEqual(['mmcblk0', 'zram0']);
  });

  it('--collector.diskstats.device-exclude replaces the default exclude', async () => {
    const text = await fixtureScraper([...routerFlags, '--collector.diskstats.device-exclude=^(ram|mtdblock|mmcblk0p|mmcblk0boot)']).scrape();
    expect(devices(text)).toEqual(['loop0', 'mmcblk0', 'ubiblock0_1', 'zram0', 'sda', 'sda1']);
  });

  it('an empty device-exclude exports every device', async () => {
    const text = await fixtureScraper([...routerFlags, '--collector.diskstats.device-exclude=']).scrape();
    expect(devices(text)).toHaveLength(19);
  });

  it('refuses to start with both device-include and a device-exclude of its own', () => {
    expect(() => fixtureScraper([...routerFlags, '--collector.diskstats.device-include=mmc', '--collector.diskstats.device-exclude=boot'])).toThrow(/mutually exclusive/);
    expect(() => fixtureScraper([...routerFlags, '--collector.diskstats.device-include=mmc', '--collector.diskstats.device-exclude='])).not.toThrow();
  });

  it('takes the deprecated --collector.diskstats.ignored-devices for device-exclude, with a warning; both at once is refused', async () => {
    const log = recordingLogger();
    // Empty, it is not given (node_exporter tests it against ""): the default exclude stays.
    const text = await fixtureScraper([...routerFlags, '--collector.diskstats.ignored-devices='], log).scrape();
    expect(devices(text)).toEqual(devices(await fixtureScraper(routerFlags).scrape()));
    expect(devices(text)).toHaveLength(12);
    const onlyMmc = await fixtureScraper([...routerFlags, '--collector.diskstats.ignored-devices=^(?!mmcblk0$)']).scrape();
    expect(devices(onlyMmc)).toEqual(['mmcblk0']);
    const warned = fixtureScraper([...routerFlags, '--collector.diskstats.ignored-devices=^sd'], log);
    await warned.scrape();
    expect(log.lines.filter((l) => l.includes('ignored-devices is DEPRECATED'))).toHaveLength(1);
    expect(() => fixtureScraper([...routerFlags, '--collector.diskstats.ignored-devices=^sd', '--collector.diskstats.device-exclude=^mmc'])).toThrow(/ignored-devices and --collector.diskstats.device-exclude are mutually exclusive/);
  });

  it('adds the udev labels and families when udev data exists', async () => {
    const t = tree(line(8, 0, 'sda', 17) + line(179, 0, 'mmcblk0', 17) + line(179, 1, 'mmcblk0p1', 17) + line(253, 2, 'dm-2', 17), {
      'b8:0': 'S:disk/by-id/ata-X\nE:ID_ATA=1\nE:ID_MODEL=WDC_WD40EFRX\nE:ID_REVISION=82.00A82\nE:ID_SERIAL=WDC_WD40EFRX_WD-1234\nE:ID_SERIAL_SHORT=WD-1234\nE:ID_WWN=0x50014ee2b5e1c0de\nE:ID_PATH=platform-11200000.usb-usb-0:1:1.0-scsi-0:0:0:0\nE:ID_ATA_WRITE_CACHE=1\nE:ID_ATA_WRITE_CACHE_ENABLED=0\nE:ID_ATA_ROTATION_RATE_RPM=5400\nE:ID_FS_TYPE=ext4\nE:ID_FS_USAGE=filesystem\nE:ID_FS_UUID=1c3a8f2e\nE:ID_FS_VERSION=1.0\n',
      'b179:0': 'E:ID_NAME=8GTF4R\nE:ID_SERIAL=0x5b2d1e3f\nE:ID_PATH=platform-11230000.mmc\n',
      'b179:1': 'E:ID_SERIAL=0x5b2d1e3f\nE:ID_PATH=platform-11230000.mmc\nE:ID_FS_TYPE=vfat\nE:ID_FS_USAGE=filesystem\nE:ID_FS_UUID=6284-658D\nE:ID_FS_VERSION=FAT16\n',
      'b253:2': 'E:DM_NAME=crypt-data\nE:DM_UUID=CRYPT-LUKS2-abc-crypt-data\nE:DM_VG_NAME=\nE:DM_LV_NAME=\nE:DM_LV_LAYER=\n',
    }, { sda: '1\n', mmcblk0: '0\n' });
    const text = await fixtureScraper(t.flags).scrape();
    expect(samples(text, 'node_disk_info')).toEqual([
      'node_disk_info{device="sda",major="8",minor="0",path="platform-11200000.usb-usb-0:1:1.0-scsi-0:0:0:0",wwn="0x50014ee2b5e1c0de",model="WDC_WD40EFRX",serial="WD-1234",revision="82.00A82",rotational="1"} 1',
      'node_disk_info{device="mmcblk0",major="179",minor="0",path="platform-11230000.mmc",wwn="",model="",serial="0x5b2d1e3f",revision="",rotational="0"} 1',
      'node_disk_info{device="mmcblk0p1",major="179",minor="1",path="platform-11230000.mmc",wwn="",model="",serial="0x5b2d1e3f",revision="",rotational="0"} 1',
      'node_disk_info{device="dm-2",major="253",minor="2",path="",wwn="",model="",serial="",revision="",rotational="0"} 1',
    ]);
    expect(samples(text, 'node_disk_filesystem_info')).toEqual([
      'node_disk_filesystem_info{device="sda",type="ext4",usage="filesystem",uuid="1c3a8f2e",version="1.0"} 1',
      'node_disk_filesystem_info{device="mmcblk0p1",type="vfat",usage="filesystem",uuid="6284-658D",version="FAT16"} 1',
    ]);
    expect(samples(text, 'node_disk_device_mapper_info')).toEqual(['node_disk_device_mapper_info{device="dm-2",name="crypt-data",uuid="CRYPT-LUKS2-abc-crypt-data",vg_name="",lv_name="",lv_layer=""} 1']);
    expect(samples(text, 'node_disk_ata_write_cache')).toEqual(['node_disk_ata_write_cache{device="sda"} 1']);
    expect(samples(text, 'node_disk_ata_write_cache_enabled')).toEqual(['node_disk_ata_write_cache_enabled{device="sda"} 0']);
    expect(samples(text, 'node_disk_ata_rotation_rate_rpm')).toEqual(['node_disk_ata_rotation_rate_rpm{device="sda"} 5400']);
  });

  it('prefers SCSI_IDENT_SERIAL, then ID_SERIAL_SHORT, then ID_SERIAL for the serial label', async () => {
    const t = tree(line(8, 0, 'sda', 11) + line(8, 16, 'sdb', 11) + line(254, 0, 'vda', 11), {
      'b8:0': 'E:ID_SERIAL=long\nE:ID_SERIAL_SHORT=short\nE:SCSI_IDENT_SERIAL=ident\n',
      'b8:16': 'E:ID_SERIAL=long\nE:ID_SERIAL_SHORT=short\n',
      'b254:0': 'E:ID_SERIAL=virtio-serial\n',
    });
    const text = await fixtureScraper([...t.flags, '--collector.diskstats.device-exclude=']).scrape();
    expect(samples(text, 'node_disk_info').map((l) => /serial="([^"]*)"/.exec(l)?.[1])).toEqual(['ident', 'short', 'virtio-serial']);
  });

  it('skips an ATA value it cannot parse and keeps the others', async () => {
    const t = tree(line(8, 0, 'sda', 17), { 'b8:0': 'E:ID_ATA=1\nE:ID_ATA_WRITE_CACHE=yes\nE:ID_ATA_ROTATION_RATE_RPM=7200\n' });
    const text = await fixtureScraper(t.flags).scrape();
    expect(samples(text, 'node_disk_ata_write_cache')).toEqual([]);
    expect(samples(text, 'node_disk_ata_write_cache_enabled')).toEqual([]);
    expect(samples(text, 'node_disk_ata_rotation_rate_rpm')).toEqual(['node_disk_ata_rotation_rate_rpm{device="sda"} 7200']);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="diskstats"} 1']);
  });

  it('exports ATA values only for devices with ID_ATA', async () => {
    const t = tree(line(8, 0, 'sda', 17), { 'b8:0': 'E:ID_ATA_ROTATION_RATE_RPM=7200\n' });
    const text = await fixtureScraper(t.flags).scrape();
    expect(text).not.toMatch(/^node_disk_ata_/m);
  });

  it('exports the counters a 14- or 18-field line has, and no more', async () => {
    const t = tree(line(8, 0, 'sda', 11) + line(8, 16, 'sdb', 15) + line(8, 32, 'sdc', 17));
    const text = await fixtureScraper(t.flags).scrape();
    expect(devices(text, 'node_disk_io_time_weighted_seconds_total')).toEqual(['sda', 'sdb', 'sdc']);
    expect(devices(text, 'node_disk_discards_completed_total')).toEqual(['sdb', 'sdc']);
    expect(devices(text, 'node_disk_discard_time_seconds_total')).toEqual(['sdb', 'sdc']);
    expect(devices(text, 'node_disk_flush_requests_total')).toEqual(['sdc']);
    expect(samples(text, 'node_disk_read_bytes_total')).toContain('node_disk_read_bytes_total{device="sda"} 1536000'); // 3000 sectors
    expect(samples(text, 'node_disk_discarded_sectors_total')).toContain('node_disk_discarded_sectors_total{device="sdb"} 14000');
  });

  it('a malformed line does not hide the other devices', async () => {
    const t = tree('   8       0 sda 1 2 x 4 5 6 7 8 9 10 11\n   8 16 sdb 1 2\n' + line(179, 0, 'mmcblk0', 17));
    const text = await fixtureScraper(t.flags).scrape();
    expect(devices(text)).toEqual(['mmcblk0']);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="diskstats"} 1']);
  });

  it('reads a rotational attribute that is not 0 or 1 as node_exporter prints it (base 2), and garbage as 0', async () => {
    const t = tree(line(8, 0, 'sda', 17) + line(8, 16, 'sdb', 17), undefined, { sda: '2\n', sdb: 'maybe\n' });
    const text = await fixtureScraper(t.flags).scrape();
    expect(samples(text, 'node_disk_info').map((l) => /rotational="([^"]*)"/.exec(l)?.[1])).toEqual(['10', '0']);
  });

  it('keeps every device and its own udev data in order past one batch of reads (70 devices)', async () => {
    const names = Array.from({ length: 70 }, (_, i) => `mmcblk${i}`);
    const udev = Object.fromEntries(names.map((n, i) => [`b179:${i * 8}`, `E:ID_SERIAL=serial-${n}\n`]));
    const t = tree(names.map((n, i) => line(179, i * 8, n, 17)).join(''), udev);
    const text = await fixtureScraper(t.flags).scrape();
    const info = samples(text, 'node_disk_info');
    expect(info.map((l) => /device="([^"]*)"/.exec(l)?.[1])).toEqual(names);
    expect(info.map((l) => /serial="([^"]*)"/.exec(l)?.[1])).toEqual(names.map((n) => `serial-${n}`));
  });

  it('reports success 0 and exports nothing when /proc/diskstats is missing', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), '--collector.disable-defaults', '--collector.diskstats', NO_UDEV]).scrape();
    expect(text).not.toMatch(/^node_disk_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="diskstats"} 0']);
  });

  it('reports success 0 on a garbage file', async () => {
    const text = await fixtureScraper(tree('\x00garbage\x01\n').flags).scrape();
    expect(text).not.toMatch(/^node_disk_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="diskstats"} 0']);
  });

  it('succeeds with nothing to export on a machine without block devices', async () => {
    const text = await fixtureScraper(tree('').flags).scrape();
    expect(text).not.toMatch(/^node_disk_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="diskstats"} 1']);
  });

  it('stops exporting a device that disappears between two scrapes (USB disk unplugged)', async () => {
    const t = tree(line(179, 0, 'mmcblk0', 17) + line(8, 0, 'sda', 17), { 'b8:0': 'E:ID_FS_TYPE=ext4\nE:ID_ATA=1\nE:ID_ATA_WRITE_CACHE=1\n' });
    const scraper = fixtureScraper(t.flags);
    const before = await scraper.scrape();
    expect(devices(before)).toEqual(['mmcblk0', 'sda']);
    expect(devices(before, 'node_disk_filesystem_info')).toEqual(['sda']);
    writeFileSync(join(t.root, 'proc', 'diskstats'), line(179, 0, 'mmcblk0', 17));
    const after = await scraper.scrape();
    expect(after).not.toContain('sda');
    expect(after).not.toMatch(/^node_disk_(filesystem_info|ata_)/m);
    expect(devices(after, 'node_disk_info')).toEqual(['mmcblk0']);
  });
});
