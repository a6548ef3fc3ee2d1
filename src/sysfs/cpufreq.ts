// /sys/devices/system/cpu/cpuN/cpufreq/: one value per attribute file, frequencies in kHz.
//   scaling_cur_freq 1200000   scaling_min_freq 600000   scaling_max_freq 1800000
//   scaling_governor schedutil   scaling_available_governors "ondemand userspace performance schedutil"
// cpuinfo_cur_freq (the hardware's view) is usually readable by root only. Read as prometheus/procfs's
// sysfs.SystemCpufreq reads it: an attribute that is missing, unreadable or not a number is just absent.

/** The attribute files of one CPU's cpufreq directory (trimmed text, undefined when unreadable). */
export interface CpufreqAttrs {
  readonly cpuinfo_cur_freq?: string | undefined;
  readonly cpuinfo_min_freq?: string | undefined;
  readonly cpuinfo_max_freq?: string | undefined;
  readonly scaling_cur_freq?: string | undefined;
  readonly scaling_min_freq?: string | undefined;
  readonly scaling_max_freq?: string | undefined;
  readonly scaling_governor?: string | undefined;
  readonly scaling_available_governors?: string | undefined;
}

export const CPUFREQ_ATTRS = [
  'cpuinfo_cur_freq',
  'cpuinfo_min_freq',
  'cpuinfo_max_freq',
  'scaling_cur_freq',
  'scaling_min_freq',
  'scaling_max_freq',
  'scaling_governor',
  'scaling_available_governors',
] as const satisfies readonly (keyof CpufreqAttrs)[];

export interface Cpufreq {
  /** The N of cpuN (a label value). */
  readonly cpu: string;
  /** Frequencies in kHz as the kernel gives them; undefined when absent. */
  readonly cpuinfoCurKhz: number | undefined;
  readonly cpuinfoMinKhz: number | undefined;
  readonly cpuinfoMaxKhz: number | undefined;
  readonly scalingCurKhz: number | undefined;
  readonly scalingMinKhz: number | undefined;
  readonly scalingMaxKhz: number | undefined;
  /** The current governor, '' when unknown. */
  readonly governor: string;
  /** scaling_available_governors split on single spaces, as node_exporter splits it. */
  readonly availableGovernors: readonly string[];
}

const UINT = /^\d+$/;

function khz(v: string | undefined): number | undefined {
  return v !== undefined && UINT.test(v) && BigInt(v) <= 0xffff_ffff_ffff_ffffn ? Number(v) : undefined;
}

/** The cpuN directory names of /sys/devices/system/cpu (procfs globs cpu[0-9]*), in Go's sort order. */
export function cpuDirs(names: readonly string[]): string[] {
  return names.filter((n) => /^cpu[0-9]/.test(n)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function parseCpufreq(cpu: string, a: CpufreqAttrs): Cpufreq {
  const governor = a.scaling_governor ?? '';
  return {
    cpu,
    cpuinfoCurKhz: khz(a.cpuinfo_cur_freq),
    cpuinfoMinKhz: khz(a.cpuinfo_min_freq),
    cpuinfoMaxKhz: khz(a.cpuinfo_max_freq),
    scalingCurKhz: khz(a.scaling_cur_freq),
    scalingMinKhz: khz(a.scaling_min_freq),
    scalingMaxKhz: khz(a.scaling_max_freq),
    governor,
    availableGovernors: (a.scaling_available_governors ?? '').split(' '),
  };
}
