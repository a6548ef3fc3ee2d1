import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuPercentages, memFromMeminfo, netDiffs } from '../../src/collectors/tiny.ts';
import type { CpuTimes } from '../../src/procfs/stat.ts';
import { fixtureScraper, machineFlags, recordingLogger, samples } from '../helpers/scrape.ts';

// A machine whose counters move between scrapes: files are rewritten in place between two scrapes of
// one scraper, as the kernel's would change.
function machine(): { root: string; write: (rel: string, text: string) => void; remove: (rel: string) => void } {
  const root = mkdtempSync(join(tmpdir(), 'lte-tiny-'));
  mkdirSync(join(root, 'proc'));
  mkdirSync(join(root, 'sys'));
  const write = (rel: string, text: string): void => {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  };
  const remove = (rel: string): void => rmSync(join(root, rel), { recursive: true, force: true });
  return { root, write, remove };
}

function scraper(root: string, log = recordingLogger()) {
  return fixtureScraper([`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, `--path.rootfs=${root}`, '--collector.disable-defaults', '--compat.tiny'], log);
}

const NET_HEADER = 'Inter-|   Receive                                                |  Transmit\n face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';
const netLine = (name: string, rxBytes: number, rxPackets: number, txBytes: number, txPackets: number): string =>
  `${name.padStart(9)}: ${rxBytes} ${rxPackets} 0 0 0 0 0 0 ${txBytes} ${txPackets} 0 0 0 0 0 0\n`;

const MEMINFO = [
  'MemTotal:         247000 kB',
  'MemFree:           12000 kB',
  'MemAvailable:     150000 kB',
  'Buffers:            8000 kB',
  'Cached:            60000 kB',
  'SwapCached:            0 kB',
  'Shmem:              1500 kB',
  'SReclaimable:       9000 kB',
  'SUnreclaim:         7000 kB',
  'HugePages_Total:       0',
  '',
].join('\n');

const DISKSTATS_1 = [
  '  31       0 mtdblock0 12 0 96 4 0 0 0 0 0 4 4',
  ' 179       0 mmcblk0 4100 210 20000000000 3100 900 1200 81920 5400 0 6200 8500 0 0 0 0 12 40',
  ' 179       1 mmcblk0p1 4000 210 1000 3000 900 1200 81920 5400 0 6100 8400 0 0 0 0 0 0',
  ' 254       0 zram0 300 0 2400 1 500 0 4000 2 0 3 3 0 0 0 0 0 0',
  '',
].join('\n');

const DISKSTATS_2 = DISKSTATS_1.replace(' zram0 300 0 2400 1 500 0 4000 ', ' zram0 310 0 2480 1 520 0 4160 ');

function tinyLines(text: string): string[] {
  return text.split('\n').filter((l) => /^(net_|cpu_|diskio_|mem_)/.test(l));
}

describe('compat.tiny collector: two scrapes', () => {
  it('serves exact diffs and percentages on the second scrape, and no diff or percentage on the first', async () => {
    const m = machine();
    m.write('proc/net/dev', NET_HEADER + netLine('lo', 1000, 10, 1000, 10) + netLine('eth0.2', 5_000_000_000, 4_000_000, 300_000, 2000) + netLine('br-lan', 900_000, 800, 700_000, 5000));
    // guest (9th field) is part of user already and must not count twice
    m.write('proc/stat', 'cpu  1000 100 500 8000 200 50 50 0 100 0\ncpu0 1000 100 500 8000 200 50 50 0 100 0\nctxt 1\n');
    m.write('proc/diskstats', DISKSTATS_1);
    m.write('proc/meminfo', MEMINFO);
    const s = scraper(m.root);

    const first = await s.scrape();
    expect(first).not.toMatch(/_diff[{ ]/);
    expect(first).not.toMatch(/^cpu_(usage|user|system|iowait|irq) /m);
    // the cumulative gauges are there from the first scrape on
    expect(samples(first, 'diskio_read_bytes')).toEqual([
      'diskio_read_bytes{disk="mtdblock0"} 49152',
      'diskio_read_bytes{disk="mmcblk0"} 10240000000000',
      'diskio_read_bytes{disk="mmcblk0p1"} 512000',
      'diskio_read_bytes{disk="zram0"} 1228800',
    ]);
    expect(samples(first, 'mem_used')).toEqual(['mem_used 161792000']);
    expect(samples(first, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="tiny"} 1']);

    // lo and eth0.2 move; br-lan was re-created (rx counters reset, tx went on); wg0 appears
    m.write(
      'proc/net/dev',
      NET_HEADER +
        netLine('lo', 1600, 16, 1600, 16) +
        netLine('eth0.2', 5_000_150_000, 4_000_100, 300_500, 2010) +
        netLine('br-lan', 1200, 5, 800_000, 5100) +
        netLine('wg0', 100, 1, 200, 2),
    );
    // deltas: user 600, nice 0, system 300, idle 800, iowait 200, irq 100, softirq 0, steal 0 => 2000 ticks
    m.write('proc/stat', 'cpu  1600 100 800 8800 400 150 50 0 400 0\ncpu0 1600 100 800 8800 400 150 50 0 400 0\nctxt 2\n');
    m.write('proc/diskstats', DISKSTATS_2);
    const second = await s.scrape();
    expect(tinyLines(second)).toEqual([
      'net_received_bytes_diff{interface="lo"} 600',
      'net_received_bytes_diff{interface="eth0.2"} 150000',
      'net_transmit_bytes_diff{interface="lo"} 600',
      'net_transmit_bytes_diff{interface="eth0.2"} 500',
      'net_transmit_bytes_diff{interface="br-lan"} 100000',
      'net_received_packets_diff{interface="lo"} 6',
      'net_received_packets_diff{interface="eth0.2"} 100',
      'net_transmit_packets_diff{interface="lo"} 6',
      'net_transmit_packets_diff{interface="eth0.2"} 10',
      'net_transmit_packets_diff{interface="br-lan"} 100',
      'cpu_usage 50',
      'cpu_user 30',
      'cpu_system 15',
      'cpu_iowait 10',
      'cpu_irq 5',
      'diskio_read_bytes{disk="mtdblock0"} 49152',
      'diskio_read_bytes{disk="mmcblk0"} 10240000000000',
      'diskio_read_bytes{disk="mmcblk0p1"} 512000',
      'diskio_read_bytes{disk="zram0"} 1269760',
      'diskio_write_bytes{disk="mtdblock0"} 0',
      'diskio_write_bytes{disk="mmcblk0"} 41943040',
      'diskio_write_bytes{disk="mmcblk0p1"} 41943040',
      'diskio_write_bytes{disk="zram0"} 2129920',
      'mem_total 252928000',
      'mem_used 161792000',
      'mem_free 12288000',
      'mem_cached 70656000',
      'mem_buffered 8192000',
      'mem_shared 1536000',
      'mem_available 153600000',
    ]);
    expect(second).toMatch(/^# TYPE net_received_bytes_diff gauge$/m);
    expect(second).toMatch(/^# TYPE cpu_usage gauge$/m);

    // third scrape: wg0 gets its first diff on its second scrape; br-lan's rx diffs are back
    m.write(
      'proc/net/dev',
      NET_HEADER + netLine('lo', 1600, 16, 1600, 16) + netLine('eth0.2', 5_000_150_000, 4_000_100, 300_500, 2010) + netLine('br-lan', 1500, 7, 800_000, 5100) + netLine('wg0', 1100, 11, 1200, 12),
    );
    const third = await s.scrape();
    expect(samples(third, 'net_received_bytes_diff')).toEqual([
      'net_received_bytes_diff{interface="lo"} 0',
      'net_received_bytes_diff{interface="eth0.2"} 0',
      'net_received_bytes_diff{interface="br-lan"} 300',
      'net_received_bytes_diff{interface="wg0"} 1000',
    ]);
    expect(samples(third, 'net_transmit_packets_diff')).toContain('net_transmit_packets_diff{interface="wg0"} 10');
    // /proc/stat did not move: no time passed, so no percentages rather than 0/0
    expect(samples(third, 'cpu_usage')).toEqual([]);
  });

  it('forgets an interface that disappears: it starts over when it comes back', async () => {
    const m = machine();
    m.write('proc/meminfo', MEMINFO);
    const s = scraper(m.root);
    m.write('proc/net/dev', NET_HEADER + netLine('lo', 10, 1, 10, 1) + netLine('wwan0', 100, 1, 100, 1));
    await s.scrape();
    m.write('proc/net/dev', NET_HEADER + netLine('lo', 20, 2, 20, 2));
    const gone = await s.scrape();
    expect(samples(gone, 'net_received_bytes_diff')).toEqual(['net_received_bytes_diff{interface="lo"} 10']);
    m.write('proc/net/dev', NET_HEADER + netLine('lo', 30, 3, 30, 3) + netLine('wwan0', 500, 5, 500, 5));
    const back = await s.scrape();
    expect(samples(back, 'net_received_bytes_diff')).toEqual(['net_received_bytes_diff{interface="lo"} 10']);
  });

  it('serves the other parts when one file is missing, and fails only when all are', async () => {
    const m = machine();
    m.write('proc/meminfo', MEMINFO);
    const log = recordingLogger();
    const s = scraper(m.root, log);
    const text = await s.scrape();
    expect(samples(text, 'mem_total')).toEqual(['mem_total 252928000']);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="tiny"} 1']);
    // each missing part is logged once, not on every scrape
    await s.scrape();
    expect(log.lines.filter((l) => l.startsWith('warn compat.tiny part failed'))).toHaveLength(3);

    m.remove('proc/meminfo');
    const none = await s.scrape();
    expect(tinyLines(none)).toEqual([]);
    expect(samples(none, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="tiny"} 0']);
  });

  it('is not enabled without --compat.tiny', async () => {
    const m = machine();
    m.write('proc/meminfo', MEMINFO);
    const text = await fixtureScraper([`--path.procfs=${join(m.root, 'proc')}`, `--path.sysfs=${join(m.root, 'sys')}`, '--collector.disable-defaults']).scrape();
    expect(text).not.toMatch(/^mem_total/m);
  });
});

function times(t: Partial<CpuTimes>): CpuTimes {
  return { user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, steal: 0, guest: 0, guestNice: 0, ...t };
}

describe('compat.tiny computations', () => {
  it('netDiffs: none for a new interface, none for a counter that went backwards', () => {
    const prev = new Map([['eth0', { rxBytes: 100, txBytes: 100, rxPackets: 10, txPackets: 10 }]]);
    const cur = new Map([
      ['eth0', { rxBytes: 50, txBytes: 150, rxPackets: 10, txPackets: 11 }],
      ['eth1', { rxBytes: 1, txBytes: 1, rxPackets: 1, txPackets: 1 }],
    ]);
    expect(netDiffs(prev, cur)).toEqual([
      { name: 'net_transmit_bytes_diff', iface: 'eth0', value: 50 },
      { name: 'net_received_packets_diff', iface: 'eth0', value: 0 },
      { name: 'net_transmit_packets_diff', iface: 'eth0', value: 1 },
    ]);
  });

  it('cpuPercentages: steal and softirq count in the total; a backwards idle counts as 0', () => {
    expect(cpuPercentages(times({}), times({ user: 1, softirq: 1, steal: 1, idle: 1 }))).toEqual({ usage: 75, user: 25, system: 0, iowait: 0, irq: 0 });
    expect(cpuPercentages(times({ idle: 10 }), times({ idle: 9, system: 2 }))).toEqual({ usage: 100, user: 0, system: 100, iowait: 0, irq: 0 });
    expect(cpuPercentages(times({ user: 5 }), times({ user: 5 }))).toBeUndefined();
  });

  it('memFromMeminfo: free(1) definitions, negative used falls back to total - free, MemAvailable optional', () => {
    const kb = (o: Record<string, number>) => new Map(Object.entries(o));
    expect(memFromMeminfo(kb({ MemTotal: 100, MemFree: 10, Buffers: 5, Cached: 20, SReclaimable: 5, Shmem: 2 }))).toEqual({
      total: 102400,
      used: 61440,
      free: 10240,
      cached: 25600,
      buffered: 5120,
      shared: 2048,
      available: undefined,
    });
    expect(memFromMeminfo(kb({ MemTotal: 100, MemFree: 50, Cached: 80, MemAvailable: 70 })).used).toBe(51200);
    expect(() => memFromMeminfo(kb({ MemFree: 1 }))).toThrow(/MemTotal/);
  });
});

describe('compat.tiny cpu_temperature_celsius', () => {
  // sysfs as the kernel lays it out: class/<x>/<entry> is a relative link into devices/.
  function sysDevice(m: ReturnType<typeof machine>, cls: string, entry: string, devicePath: string, attrs: Record<string, string>): void {
    for (const [name, text] of Object.entries(attrs)) m.write(join('sys', devicePath, name), text);
    mkdirSync(join(m.root, 'sys', 'class', cls), { recursive: true });
    symlinkSync(join('..', '..', devicePath), join(m.root, 'sys', 'class', cls, entry));
  }

  async function temps(m: ReturnType<typeof machine>): Promise<string[]> {
    m.write('proc/meminfo', MEMINFO);
    return samples(await scraper(m.root).scrape(), 'cpu_temperature_celsius');
  }

  it('reads the router fixture: the cpu thermal zone, not the ambient or ddr ones', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--compat.tiny']).scrape();
    expect(samples(text, 'cpu_temperature_celsius')).toEqual(['cpu_temperature_celsius{sensor="cpu-thermal"} 52.3']);
  });

  it('takes every thermal zone whose type contains cpu, skips unreadable ones, disambiguates duplicates', async () => {
    const m = machine();
    sysDevice(m, 'thermal', 'thermal_zone0', 'devices/virtual/thermal/thermal_zone0', { type: 'cpu0-thermal\n', temp: '48312\n' });
    sysDevice(m, 'thermal', 'thermal_zone1', 'devices/virtual/thermal/thermal_zone1', { type: 'cpu1-thermal\n', temp: 'EINVAL-ish\n' });
    sysDevice(m, 'thermal', 'thermal_zone2', 'devices/virtual/thermal/thermal_zone2', { type: 'CPU_THERMAL\n', temp: '-5000\n' });
    sysDevice(m, 'thermal', 'thermal_zone3', 'devices/virtual/thermal/thermal_zone3', { type: 'CPU_THERMAL\n', temp: '61000\n' });
    sysDevice(m, 'thermal', 'thermal_zone4', 'devices/virtual/thermal/thermal_zone4', { type: 'gpu-thermal\n', temp: '70000\n' });
    // a cpu hwmon chip is not read when a cpu thermal zone exists (on ARM it is the same sensor)
    sysDevice(m, 'hwmon', 'hwmon0', 'devices/virtual/thermal/thermal_zone0/hwmon0', { name: 'cpu0_thermal\n', temp1_input: '48312\n' });
    expect(await temps(m)).toEqual([
      'cpu_temperature_celsius{sensor="cpu0-thermal"} 48.312',
      'cpu_temperature_celsius{sensor="CPU_THERMAL:thermal_zone2"} -5',
      'cpu_temperature_celsius{sensor="CPU_THERMAL:thermal_zone3"} 61',
    ]);
  });

  it('falls back to CPU hwmon chips when no thermal zone is a cpu one (x86)', async () => {
    const m = machine();
    sysDevice(m, 'thermal', 'thermal_zone0', 'devices/virtual/thermal/thermal_zone0', { type: 'acpitz\n', temp: '27800\n' });
    sysDevice(m, 'hwmon', 'hwmon1', 'devices/platform/coretemp.0/hwmon/hwmon1', {
      name: 'coretemp\n',
      temp1_input: '45000\n',
      temp1_label: 'Package id 0\n',
      temp2_input: '43000\n',
      temp2_label: 'Core 0\n',
      temp2_crit: '100000\n',
    });
    sysDevice(m, 'hwmon', 'hwmon2', 'devices/platform/coretemp.1/hwmon/hwmon2', { name: 'coretemp\n', temp1_input: '47000\n', temp1_label: 'Package id 1\n' });
    sysDevice(m, 'hwmon', 'hwmon3', 'devices/pci0000:00/0000:00:18.3/hwmon/hwmon3', { name: 'k10temp\n', temp1_input: '51125\n' });
    sysDevice(m, 'hwmon', 'hwmon4', 'devices/platform/nct6775.656/hwmon/hwmon4', { name: 'nct6779\n', temp1_input: '33000\n' });
    expect(await temps(m)).toEqual([
      'cpu_temperature_celsius{sensor="coretemp:hwmon1/Package id 0"} 45',
      'cpu_temperature_celsius{sensor="coretemp:hwmon1/Core 0"} 43',
      'cpu_temperature_celsius{sensor="coretemp:hwmon2/Package id 1"} 47',
      'cpu_temperature_celsius{sensor="k10temp/temp1"} 51.125',
    ]);
  });

  it('serves no temperature, and still succeeds, on a machine without sensors', async () => {
    const m = machine();
    m.write('proc/meminfo', MEMINFO);
    const text = await scraper(m.root).scrape();
    expect(samples(text, 'cpu_temperature_celsius')).toEqual([]);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="tiny"} 1']);
  });
});
