// node_cpu_scaling_* and node_cpu_frequency_* from /sys/devices/system/cpu/cpuN/cpufreq
// (node_exporter's collector/cpufreq_linux.go on prometheus/procfs's sysfs.SystemCpufreq).
//
// node_exporter's cpufreq also exports node_cpu_frequency_hertz{cpu} (from cpuinfo_cur_freq, readable
// by root only), the same family name the cpu collector exports with --collector.cpu.info
// (node_cpu_frequency_hertz{package,core,cpu} from /proc/cpuinfo). One scrape must not hold one family
// twice, so with --collector.cpu.info this collector leaves node_cpu_frequency_hertz to the cpu
// collector whenever /proc/cpuinfo gives a frequency (x86); where it gives none (arm, mips) this
// collector still exports it.
import type { CollectorDefinition } from '../collector.ts';
import { readCpufreq } from '../kernel/cpufreq.ts';
import { cpuInfoEnabled } from './cpu.ts';
import type { KernelFs } from '../kernel/kernelFs.ts';
import { parseCpuinfo } from '../procfs/cpuinfo.ts';
import { parseCpufreq } from '../sysfs/cpufreq.ts';
import type { Cpufreq } from '../sysfs/cpufreq.ts';

/** Whether the cpu collector's --collector.cpu.info will export node_cpu_frequency_hertz this scrape. */
function cpuinfoHasFrequency(kfs: KernelFs): boolean {
  try {
    return parseCpuinfo(kfs.readTextSync(kfs.proc('cpuinfo'))).some((c) => c.cpuMHz !== undefined);
  } catch {
    return false;
  }
}

export const cpufreq: CollectorDefinition = {
  name: 'cpufreq',
  defaultEnabled: true,
  help: 'Exposes CPU frequency statistics.',
  create(env) {
    const cpuInfo = cpuInfoEnabled(env.flags);
    return {
      async update(ctx) {
        // As procfs: a CPU without a cpufreq directory is skipped.
        const freqs: Cpufreq[] = (await readCpufreq(ctx.kernel, ctx.deadline)).map((r) => parseCpufreq(r.name.slice(3), r.attrs));
        const exportCpuinfoCur = !cpuInfo || !cpuinfoHasFrequency(ctx.kernel);

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
