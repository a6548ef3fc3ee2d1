import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { procTree, success } from './procTree.ts';
import { addNodes } from './sysTree.ts';

const router = (...extra: string[]) => fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', ...extra]);

/** A machine with procfs from `proc` (path -> content) and the given sysfs nodes. */
function machine(proc: Record<string, string>, sys: Parameters<typeof addNodes>[1]): string {
  const root = procTree(proc);
  addNodes(join(root, 'sys'), sys);
  return root;
}
const flagsFor = (root: string, ...extra: string[]) => [`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, `--path.rootfs=${root}`, '--collector.disable-defaults', ...extra];

const X86_CPUINFO = ['processor\t: 0', 'vendor_id\t: GenuineIntel', 'cpu family\t: 6', 'model\t\t: 142', 'model name\t: Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz', 'stepping\t: 10', 'microcode\t: 0xf0', 'cpu MHz\t\t: 2100.000', 'cache size\t: 8192 KB', 'physical id\t: 0', 'core id\t\t: 0', 'flags\t\t: fpu vme aes', ''].join('\n') + '\n';
const STAT = 'cpu  1 2 3 4 5 6 7 0 0 0\ncpu0 1 2 3 4 5 6 7 0 0 0\nintr 0\nctxt 0\nbtime 1\nprocesses 1\nprocs_running 1\nprocs_blocked 0\n';

describe('cpufreq collector', () => {
  it('matches the golden exposition on the router fixture (4 Cortex-A53 cores sharing policy0)', async () => {
    const text = await router('--collector.cpufreq').scrape();
    expectGolden('router/cpufreq.prom', stable(text));
    expect(samples(text, 'node_cpu_scaling_frequency_hertz')).toEqual([0, 1, 2, 3].map((c) => `node_cpu_scaling_frequency_hertz{cpu="${c}"} 1500000000`));
    expect(samples(text, 'node_cpu_scaling_governor').filter((l) => l.endsWith(' 1'))).toEqual([0, 1, 2, 3].map((c) => `node_cpu_scaling_governor{cpu="${c}",governor="schedutil"} 1`));
  });

  it('exports node_cpu_frequency_hertz itself where /proc/cpuinfo has no frequency (arm), even with --collector.cpu.info', async () => {
    const text = await router('--collector.cpufreq', '--collector.cpu', '--collector.cpu.info').scrape();
    expect(text.match(/^# TYPE node_cpu_frequency_hertz /gm)).toHaveLength(1);
    expect(samples(text, 'node_cpu_frequency_hertz')).toEqual([0, 1, 2, 3].map((c) => `node_cpu_frequency_hertz{cpu="${c}"} 1300000000`));
    expect(success(text, 'cpu')).toBe(1);
  });

  it('leaves node_cpu_frequency_hertz to the cpu collector when --collector.cpu.info reads it from /proc/cpuinfo (x86)', async () => {
    const root = machine(
      { cpuinfo: X86_CPUINFO, stat: STAT },
      { 'devices/system/cpu/cpu0/cpufreq/cpuinfo_cur_freq': '2100000', 'devices/system/cpu/cpu0/cpufreq/scaling_cur_freq': '2099998' },
    );
    const withInfo = await fixtureScraper(flagsFor(root, '--collector.cpu', '--collector.cpu.info', '--collector.cpufreq')).scrape();
    expect(withInfo.match(/^# TYPE node_cpu_frequency_hertz /gm)).toHaveLength(1);
    expect(samples(withInfo, 'node_cpu_frequency_hertz')).toEqual(['node_cpu_frequency_hertz{package="0",core="0",cpu="0"} 2100000000']);
    expect(samples(withInfo, 'node_cpu_scaling_frequency_hertz')).toEqual(['node_cpu_scaling_frequency_hertz{cpu="0"} 2099998000']);
    // Without --collector.cpu.info the cpu collector does not export it, so cpufreq does.
    const without = await fixtureScraper(flagsFor(root, '--collector.cpu', '--collector.cpufreq')).scrape();
    expect(samples(without, 'node_cpu_frequency_hertz')).toEqual(['node_cpu_frequency_hertz{cpu="0"} 2100000000']);
    // An info filter turns --collector.cpu.info on (node_exporter sets *enableCPUInfo): cpufreq sees that too.
    for (const filter of ['--collector.cpu.info.flags-include=^fpu$', '--collector.cpu.info.bugs-include=.']) {
      const log = recordingLogger();
      const filtered = await fixtureScraper(flagsFor(root, '--collector.cpu', filter, '--collector.cpufreq'), log).scrape();
      // Not made twice and dropped at the scrape (which logs the collision): cpufreq leaves it alone.
      expect(log.lines.filter((l) => l.includes('already served'))).toEqual([]);
      expect(filtered.match(/^# TYPE node_cpu_frequency_hertz /gm)).toHaveLength(1);
      expect(samples(filtered, 'node_cpu_frequency_hertz')).toEqual(['node_cpu_frequency_hertz{package="0",core="0",cpu="0"} 2100000000']);
    }
  });

  it('leaves out an attribute that is unreadable or not a number and keeps the rest of the CPU', async () => {
    const root = machine(
      {},
      {
        'devices/system/cpu/cpu0/cpufreq/scaling_cur_freq': '<unknown>',
        'devices/system/cpu/cpu0/cpufreq/scaling_min_freq': '600000',
        'devices/system/cpu/cpu0/cpufreq/scaling_max_freq': { dir: true }, // EISDIR, as an EIO would
        'devices/system/cpu/cpu0/cpufreq/scaling_governor': 'performance',
        'devices/system/cpu/cpu0/cpufreq/scaling_available_governors': 'performance powersave ',
        'devices/system/cpu/cpu1/cpufreq/scaling_cur_freq': '800000',
        'devices/system/cpu/cpu2/topology/core_id': '2', // no cpufreq directory: skipped
      },
    );
    const text = await fixtureScraper(flagsFor(root, '--collector.cpufreq')).scrape();
    expect(text.split('\n').filter((l) => l.startsWith('node_cpu_'))).toEqual([
      'node_cpu_scaling_frequency_min_hertz{cpu="0"} 600000000',
      'node_cpu_scaling_governor{cpu="0",governor="performance"} 1',
      'node_cpu_scaling_governor{cpu="0",governor="powersave"} 0',
      'node_cpu_scaling_frequency_hertz{cpu="1"} 800000000',
    ]);
    expect(success(text, 'cpufreq')).toBe(1);
  });

  it('stops exporting a CPU whose cpufreq directory went away', async () => {
    const root = machine({}, { 'devices/system/cpu/cpu0/cpufreq/scaling_cur_freq': '800000', 'devices/system/cpu/cpu1/cpufreq/scaling_cur_freq': '900000' });
    const scraper = fixtureScraper(flagsFor(root, '--collector.cpufreq'));
    expect(samples(await scraper.scrape(), 'node_cpu_scaling_frequency_hertz')).toHaveLength(2);
    rmSync(join(root, 'sys/devices/system/cpu/cpu1/cpufreq'), { recursive: true });
    expect(samples(await scraper.scrape(), 'node_cpu_scaling_frequency_hertz')).toEqual(['node_cpu_scaling_frequency_hertz{cpu="0"} 800000000']);
  });

  it('exports nothing, successfully, on a machine without cpufreq (a VM)', async () => {
    const root = machine({}, { 'devices/system/cpu/cpu0/topology/core_id': '0', 'devices/system/cpu/online': '0' });
    const text = await fixtureScraper(flagsFor(root, '--collector.cpufreq')).scrape();
    expect(text).not.toMatch(/^node_cpu_/m);
    expect(success(text, 'cpufreq')).toBe(1);
  });

  it('reads the real sysfs layout where cpuN/cpufreq links to a shared policy directory', async () => {
    const root = procTree({});
    mkdirSync(join(root, 'sys/devices/system'), { recursive: true });
    cpSync(join(FIXTURES, 'router/sys/devices/system/cpu'), join(root, 'sys/devices/system/cpu'), { recursive: true, verbatimSymlinks: true });
    writeFileSync(join(root, 'sys/devices/system/cpu/cpufreq/policy0/scaling_cur_freq'), '2000000\n');
    const text = await fixtureScraper(flagsFor(root, '--collector.cpufreq')).scrape();
    expect(samples(text, 'node_cpu_scaling_frequency_hertz')).toEqual([0, 1, 2, 3].map((c) => `node_cpu_scaling_frequency_hertz{cpu="${c}"} 2000000000`));
  });
});
