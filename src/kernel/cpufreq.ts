// /sys/devices/system/cpu/cpuN/cpufreq/ for the cpufreq collector (prometheus/procfs's
// sysfs.SystemCpufreq). scaling_cur_freq and cpuinfo_cur_freq ask the driver (an IPI to the CPU, or a
// firmware call on some ARM SoCs, delayed on purpose by some drivers): read off the event loop, cut at
// the deadline, the CPUs concurrently.
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { CPUFREQ_ATTRS, cpuDirs } from '../sysfs/cpufreq.ts';
import type { CpufreqAttrs } from '../sysfs/cpufreq.ts';

export interface CpufreqReading {
  /** The directory name, "cpu0". */
  readonly name: string;
  readonly attrs: CpufreqAttrs;
}

/**
 * The cpufreq attributes of every CPU that has a cpufreq directory (as procfs: one without is
 * skipped). An attribute that is missing or unreadable is undefined; one still stuck at the deadline
 * throws StuckReadError.
 */
export async function readCpufreq(kfs: KernelFs, deadline: number): Promise<CpufreqReading[]> {
  const base = kfs.sys('devices', 'system', 'cpu');
  const read = await Promise.all(
    cpuDirs(kfs.listOptionalSync(base)).map(async (name): Promise<CpufreqReading | undefined> => {
      const dir = join(base, name, 'cpufreq');
      if (kfs.listOptionalSync(dir).length === 0) return undefined;
      const values = await kfs.attrsMany(
        CPUFREQ_ATTRS.map((a) => join(dir, a)),
        deadline,
      );
      const attrs: Record<string, string | undefined> = {};
      CPUFREQ_ATTRS.forEach((a, i) => {
        const v = values[i];
        attrs[a] = v instanceof Error ? undefined : v;
      });
      return { name, attrs: attrs as CpufreqAttrs };
    }),
  );
  return read.filter((r): r is CpufreqReading => r !== undefined);
}
