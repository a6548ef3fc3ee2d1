// node_cpu_scaling_* and node_cpu_frequency_* from /sys/devices/system/cpu/cpuN/cpufreq
// (node_exporter's collector/cpufreq_linux.go on prometheus/procfs's sysfs.SystemCpufreq).
//
// node_exporter's cpufreq also exports node_cpu_frequency_hertz{cpu} (from cpuinfo_cur_freq, readable
// by root only), the same family name the cpu collector exports with --collector.cpu.info
// (node_cpu_frequency_hertz{package,core,cpu} from /proc/cpuinfo). One scrape must not hold one family
// twice, so with --collector.cpu.info this collector leaves node_cpu_frequency_hertz to the cpu
// collector whenever /proc/cpuinfo gives a frequency (x86); where it gives none (arm, mips) this
// collector still exports it.
import { join } from 'node:path';
import type { CollectorDefinition } from '../collector.ts';
import { listDirOptional, procPath, readTextOptional, sysPath } from '../fsread.ts';
import { parseCpuinfo } from '../procfs/cpuinfo.ts';
import { sysReadString } from '../sysfsRead.ts';
import { CPUFREQ_ATTRS, cpuDirs, parseCpufreq } from '../sysfs/cpufreq.ts';
import type { Cpufreq, CpufreqAttrs } from '../sysfs/cpufreq.ts';

/** The attributes of one cpufreq directory; each is undefined when missing or unreadable. */
async function readAttrs(dir: string): Promise<CpufreqAttrs> {
  const values = await Promise.all(CPUFREQ_ATTRS.map((a) => sysReadString(join(dir, a)).catch(() => undefined)));
  const out: Record<string, string | undefined> = {};
  CPUFREQ_ATTRS.forEach((a, i) => {
    out[a] = values[i];
  });
  return out as CpufreqAttrs;
}

/** Whether the cpu collector's --collector.cpu.info will export node_cpu_frequency_hertz this scrape. */
async function cpuinfoHasFrequency(procfs: string): Promise<boolean> {
  const text = await readTextOptional(join(procfs, 'cpuinfo'));
  if (text === undefined) return false;
  try {
    return parseCpuinfo(text).some((c) => c.cpuMHz !== undefined);
  } catch {
    return false;
  }
}

export const cpufreq: CollectorDefinition = {
  name: 'cpufreq',
  defaultEnabled: true,
  help: 'Exposes CPU frequency statistics.',
  create(env) {
    const cpuInfo = env.flags.boolean('collector.cpu.info');
    return {
      async update(ctx) {
        const base = sysPath(ctx.paths, 'devices', 'system', 'cpu');
        const cpus = cpuDirs(await listDirOptional(base));
        // As procfs: a CPU without a cpufreq directory is skipped. The kernel delays each
        // scaling_cur_freq read on some drivers, so the CPUs are read concurrently.
        const read = await Promise.all(
          cpus.map(async (name): Promise<Cpufreq | undefined> => {
            const dir = join(base, name, 'cpufreq');
            if ((await listDirOptional(dir)).length === 0) return undefined;
            return parseCpufreq(name.slice(3), await readAttrs(dir));
          }),
        );
        const freqs = read.filter((f): f is Cpufreq => f !== undefined);
        const exportCpuinfoCur = !cpuInfo || !(await cpuinfoHasFrequency(procPath(ctx.paths)));

        const gauges: ReadonlyArray<readonly [keyof Cpufreq, string, string]> = [
          ['cpuinfoCurKhz', 'node_cpu_frequency_hertz', 'Current cpu thread frequency in hertz.'],
          ['cpuinfoMinKhz', 'node_cpu_frequency_min_hertz', 'Minimum cpu thread frequency in hertz.'],
          ['cpuinfoMaxKhz', 'node_cpu_frequency_max_hertz', 'Maximum cpu thread frequency in hertz.'],
          ['scalingCurKhz', 'node_cpu_scaling_frequency_hertz', 'Current scaled CPU thread frequency in hertz.'],
          ['scalingMinKhz', 'node_cpu_scaling_frequency_min_hertz', 'Minimum scaled CPU thread frequency in hertz.'],
          ['scalingMaxKhz', 'node_cpu_scaling_frequency_max_hertz', 'Maximum scaled CPU thread frequency in hertz.'],
        ];
        for (const f of freqs) {
          for (const [field, name, help] of gauges) {
            if (field === 'cpuinfoCurKhz' && !exportCpuinfoCur) continue;
            const khz = f[field];
            // sysfs cpufreq values are kHz.
            if (typeof khz === 'number') ctx.gauge(name, help, ['cpu']).set(khz * 1000, f.cpu);
          }
          if (f.governor !== '') {
            const fam = ctx.gauge('node_cpu_scaling_governor', 'Current enabled CPU frequency governor.', ['cpu', 'governor']);
            for (const g of f.availableGovernors) fam.set(g === f.governor ? 1 : 0, f.cpu, g);
          }
        }
      },
    };
  },
};
