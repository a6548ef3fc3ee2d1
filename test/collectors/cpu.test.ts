import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';

const CPU = ['--collector.disable-defaults', '--collector.cpu'];

/** A throw-away machine: files relative to its root (proc/..., sys/...). */
function machine(files: Record<string, string>): { root: string; write: (path: string, text: string) => void; remove: (path: string) => void; flags: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'lte-cpu-'));
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  mkdirSync(join(root, 'proc'));
  mkdirSync(join(root, 'sys'));
  for (const [p, t] of Object.entries(files)) write(p, t);
  return { root, write, remove: (p) => rmSync(join(root, p), { recursive: true }), flags: [`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, `--path.rootfs=${root}`] };
}

/** node_cpu_seconds_total of one CPU as {mode: value}. */
function cpuSeconds(text: string, cpu: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of samples(text, 'node_cpu_seconds_total')) {
    const m = /^node_cpu_seconds_total\{cpu="(\d+)",mode="(\w+)"\} (\S+)$/.exec(l);
    if (m && m[1] === cpu) out[m[2] as string] = Number(m[3]);
  }
  return out;
}

const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');
const stat = (...cpuLines: string[]): string => ['cpu  0 0 0 0 0 0 0 0 0 0', ...cpuLines, 'ctxt 1', 'btime 1', ''].join('\n');

describe('cpu collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([
      ...machineFlags('router'),
      ...CPU,
      '--collector.cpu.info',
      '--collector.cpu.info.flags-include=^(aes|crc32|sha.*)$',
      '--collector.cpu.info.bugs-include=.*',
    ]).scrape();
    expectGolden('router/cpu.prom', stable(text));
    expect(cpuSeconds(text, '0')).toEqual({ user: 41234.56, nice: 8.12, system: 23456.78, idle: 3398765.43, iowait: 123.45, irq: 0, softirq: 87654.32, steal: 0 });
    // arm64: no frequency, no bugs, no thermal throttling, no isolated CPUs
    expect(samples(text, 'node_cpu_frequency_hertz')).toEqual([]);
    expect(samples(text, 'node_cpu_bug_info')).toEqual([]);
    expect(text).not.toMatch(/throttles_total|node_cpu_isolated\{/);
  });

  it('leaves out guest time with --no-collector.cpu.guest and cpuinfo by default', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...CPU, '--no-collector.cpu.guest']).scrape();
    expect(samples(text, 'node_cpu_seconds_total')).toHaveLength(32);
    expect(samples(text, 'node_cpu_guest_seconds_total')).toEqual([]);
    expect(samples(text, 'node_cpu_info')).toEqual([]);
  });

  it('turns --collector.cpu.info on when an include flag is given', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('router'), ...CPU, '--collector.cpu.info.flags-include=^aes$'], log).scrape();
    expect(samples(text, 'node_cpu_flag_info')).toEqual(['node_cpu_flag_info{flag="aes"} 1']);
    expect(samples(text, 'node_cpu_info')).toHaveLength(4);
    expect(log.lines.some((l) => l.startsWith('info --collector.cpu.info has been set to `true`'))).toBe(true);
  });

  it('reports success 0 and exports nothing when /proc/stat is missing', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), ...CPU]).scrape();
    expect(text).not.toMatch(/^node_cpu_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="cpu"} 0']);
  });

  it('reports success 0 on a garbage /proc/stat', async () => {
    const m = machine({ 'proc/stat': 'this is not\na stat file\n' });
    const text = await fixtureScraper([...m.flags, ...CPU]).scrape();
    expect(text).not.toMatch(/^node_cpu_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="cpu"} 0']);
  });

  it('reports success 0 when --collector.cpu.info is on and /proc/cpuinfo is missing, as node_exporter does', async () => {
    const m = machine({ 'proc/stat': stat('cpu0 1 1 1 1') });
    const ok = await fixtureScraper([...m.flags, ...CPU]).scrape();
    expect(success(ok)).toEqual(['node_scrape_collector_success{collector="cpu"} 1']);
    const text = await fixtureScraper([...m.flags, ...CPU, '--collector.cpu.info']).scrape();
    expect(text).not.toMatch(/^node_cpu_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="cpu"} 0']);
  });

  it('keeps working on a mips router with --collector.cpu.info', async () => {
    const m = machine({
      'proc/stat': stat('cpu0 100 0 50 1000 0 0 7 0 0 0', 'cpu1 90 0 40 1100 0 0 3 0 0 0'),
      'proc/cpuinfo':
        'system type\t\t: MediaTek MT7621 ver:1 eco:3\nmachine\t\t\t: Xiaomi Mi Router 4A Gigabit Edition\nprocessor\t\t: 0\ncpu model\t\t: MIPS 1004Kc V2.15\nBogoMIPS\t\t: 586.13\n\nprocessor\t\t: 1\ncpu model\t\t: MIPS 1004Kc V2.15\nBogoMIPS\t\t: 586.13\n\n',
    });
    const text = await fixtureScraper([...m.flags, ...CPU, '--collector.cpu.info']).scrape();
    expect(samples(text, 'node_cpu_info')).toEqual([
      'node_cpu_info{package="",core="",cpu="0",vendor="MediaTek MT7621 ver:1 eco:3",family="",model="",model_name="MIPS 1004Kc V2.15",microcode="",stepping="",cachesize=""} 1',
      'node_cpu_info{package="",core="",cpu="1",vendor="MediaTek MT7621 ver:1 eco:3",family="",model="",model_name="MIPS 1004Kc V2.15",microcode="",stepping="",cachesize=""} 1',
    ]);
    expect(samples(text, 'node_cpu_frequency_hertz')).toEqual([]);
    expect(cpuSeconds(text, '1')).toEqual({ user: 0.9, nice: 0, system: 0.4, idle: 11, iowait: 0, irq: 0, softirq: 0.03, steal: 0 });
  });

  it('never lets node_cpu_seconds_total go backwards between two scrapes of the same collector', async () => {
    const m = machine({ 'proc/stat': stat('cpu0 1000 10 500 100000 20 5 30 0 4 2', 'cpu1 2000 0 700 90000 0 0 0 0 0 0') });
    const scraper = fixtureScraper([...m.flags, ...CPU]);
    const first = await scraper.scrape();
    expect(cpuSeconds(first, '0')).toEqual({ user: 10, nice: 0.1, system: 5, idle: 1000, iowait: 0.2, irq: 0.05, softirq: 0.3, steal: 0 });

    // user, system, iowait and guest drop; idle drops by less than 3 s; the rest goes on.
    m.write('proc/stat', stat('cpu0 900 11 400 99750 10 6 31 0 1 3', 'cpu1 2100 0 710 90100 0 0 0 0 0 0'));
    const second = await scraper.scrape();
    expect(cpuSeconds(second, '0')).toEqual({ user: 10, nice: 0.11, system: 5, idle: 1000, iowait: 0.2, irq: 0.06, softirq: 0.31, steal: 0 });
    expect(samples(second, 'node_cpu_guest_seconds_total').filter((l) => l.includes('cpu="0"'))).toEqual([
      'node_cpu_guest_seconds_total{cpu="0",mode="user"} 0.04',
      'node_cpu_guest_seconds_total{cpu="0",mode="nice"} 0.03',
    ]);
    expect(cpuSeconds(second, '1')).toEqual({ user: 21, nice: 0, system: 7.1, idle: 901, iowait: 0, irq: 0, softirq: 0, steal: 0 });

    // Back above the old values: the new values are taken again.
    m.write('proc/stat', stat('cpu0 1100 12 600 100200 30 7 32 0 5 4', 'cpu1 2200 0 720 90200 0 0 0 0 0 0'));
    expect(cpuSeconds(await scraper.scrape(), '0')).toEqual({ user: 11, nice: 0.12, system: 6, idle: 1002, iowait: 0.3, irq: 0.07, softirq: 0.32, steal: 0 });
  });

  it('starts a CPU over when its idle time jumps back by 3 s or more (hotplug)', async () => {
    const m = machine({ 'proc/stat': stat('cpu0 1000 10 500 100000 20 5 30 0 0 0', 'cpu1 2000 0 700 90000 0 0 0 0 0 0') });
    const log = recordingLogger();
    const scraper = fixtureScraper([...m.flags, ...CPU, '--log.level=debug'], log);
    await scraper.scrape();
    // cpu0 was unplugged and plugged back: idle 1000 s -> 997 s, every counter restarted lower.
    m.write('proc/stat', stat('cpu0 100 1 50 99700 2 0 3 0 0 0', 'cpu1 2000 0 700 90050 0 0 0 0 0 0'));
    const text = await scraper.scrape();
    expect(cpuSeconds(text, '0')).toEqual({ user: 1, nice: 0.01, system: 0.5, idle: 997, iowait: 0.02, irq: 0, softirq: 0.03, steal: 0 });
    expect(cpuSeconds(text, '1')).toEqual({ user: 20, nice: 0, system: 7, idle: 900.5, iowait: 0, irq: 0, softirq: 0, steal: 0 });
    expect(log.lines.some((l) => l.startsWith('debug CPU Idle counter jumped backwards more than 3 seconds') && l.includes('"cpu":0'))).toBe(true);
  });

  it('forgets a CPU that went offline and starts it afresh when it comes back', async () => {
    const m = machine({ 'proc/stat': stat('cpu0 1000 0 500 100000 0 0 0 0 0 0', 'cpu1 2000 0 700 90000 0 0 0 0 0 0') });
    const scraper = fixtureScraper([...m.flags, ...CPU]);
    await scraper.scrape();
    m.write('proc/stat', stat('cpu0 1010 0 510 100100 0 0 0 0 0 0'));
    const offline = await scraper.scrape();
    expect(cpuSeconds(offline, '1')).toEqual({});
    expect(samples(offline, 'node_cpu_guest_seconds_total').filter((l) => l.includes('cpu="1"'))).toEqual([]);
    expect(samples(offline, 'node_cpu_guest_seconds_total')).toHaveLength(2);
    // Back online with lower counters (idle lower by less than 3 s, user lower): not held at the old values.
    m.write('proc/stat', stat('cpu0 1020 0 520 100200 0 0 0 0 0 0', 'cpu1 10 0 7 89900 0 0 0 0 0 0'));
    expect(cpuSeconds(await scraper.scrape(), '1')).toEqual({ user: 0.1, nice: 0, system: 0.07, idle: 899, iowait: 0, irq: 0, softirq: 0, steal: 0 });
  });

  it('exports isolated CPUs and skips CPUs without topology when reading throttle counts', async () => {
    const m = machine({
      'proc/stat': stat('cpu0 1 1 1 1', 'cpu1 1 1 1 1', 'cpu2 1 1 1 1'),
      'sys/devices/system/cpu/isolated': '1-2\n',
      'sys/devices/system/cpu/cpu0/topology/physical_package_id': '0\n',
      'sys/devices/system/cpu/cpu0/topology/core_id': '0\n',
      'sys/devices/system/cpu/cpu0/thermal_throttle/core_throttle_count': '7\n',
      'sys/devices/system/cpu/cpu0/thermal_throttle/package_throttle_count': '11\n',
      // cpu1: the topology of an arm kernel before 5.x (-1) is not a package number
      'sys/devices/system/cpu/cpu1/topology/physical_package_id': '-1\n',
      'sys/devices/system/cpu/cpu1/topology/core_id': '1\n',
      'sys/devices/system/cpu/cpu1/thermal_throttle/core_throttle_count': '99\n',
      // cpu2: same package, unreadable core counter; the package counter was read from cpu0
      'sys/devices/system/cpu/cpu2/topology/physical_package_id': '0\n',
      'sys/devices/system/cpu/cpu2/topology/core_id': '2\n',
      'sys/devices/system/cpu/cpu2/thermal_throttle/core_throttle_count': 'garbage\n',
      'sys/devices/system/cpu/cpu2/thermal_throttle/package_throttle_count': '12\n',
    });
    const text = await fixtureScraper([...m.flags, ...CPU]).scrape();
    expect(samples(text, 'node_cpu_isolated')).toEqual(['node_cpu_isolated{cpu="1"} 1', 'node_cpu_isolated{cpu="2"} 1']);
    expect(samples(text, 'node_cpu_core_throttles_total')).toEqual(['node_cpu_core_throttles_total{package="0",core="0"} 7']);
    expect(samples(text, 'node_cpu_package_throttles_total')).toEqual(['node_cpu_package_throttles_total{package="0"} 11']);

    // The throttle files disappear (module unloaded): the samples go with them.
    m.remove('sys/devices/system/cpu/cpu0/thermal_throttle');
    m.remove('sys/devices/system/cpu/cpu2/thermal_throttle');
    const later = await fixtureScraper([...m.flags, ...CPU]).scrape();
    expect(later).not.toMatch(/throttles_total\{/);
    expect(success(later)).toEqual(['node_scrape_collector_success{collector="cpu"} 1']);
  });
});
