// node_exporter's cpu collector (collector/cpu_linux.go): per-CPU times from /proc/stat that never go
// backwards between scrapes, isolated CPUs and thermal throttle counts from sysfs, and with
// --collector.cpu.info the processor description from /proc/cpuinfo.
import { join } from 'node:path';
import type { CollectorContext, CollectorDefinition, FlagDefinition, FlagValues } from '../collector.ts';
import type { KernelFs } from '../kernel/kernelFs.ts';
import type { Logger } from '../log.ts';
import { parseCpuinfo } from '../procfs/cpuinfo.ts';
import { CPU_TIME_FIELDS, parseStat } from '../procfs/stat.ts';
import type { CpuTimes } from '../procfs/stat.ts';
import { parseCpuList } from '../sysfs/cpuList.ts';

/** An idle counter that drops by this many seconds or more means the CPU was unplugged and plugged back. */
export const JUMP_BACK_SECONDS = 3;

/** Field names as node_exporter's debug messages spell them. */
const LOG_NAMES: Readonly<Record<keyof CpuTimes, string>> = {
  user: 'User',
  nice: 'Nice',
  system: 'System',
  idle: 'Idle',
  iowait: 'Iowait',
  irq: 'IRQ',
  softirq: 'SoftIRQ',
  steal: 'Steal',
  guest: 'Guest',
  guestNice: 'GuestNice',
};

const ZERO: CpuTimes = { user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, steal: 0, guest: 0, guestNice: 0 };

/** The modes of node_cpu_seconds_total, in node_exporter's order (guest time is already inside user/nice). */
const MODES: readonly (readonly [keyof CpuTimes, string])[] = [
  ['user', 'user'],
  ['nice', 'nice'],
  ['system', 'system'],
  ['idle', 'idle'],
  ['iowait', 'iowait'],
  ['irq', 'irq'],
  ['softirq', 'softirq'],
  ['steal', 'steal'],
];

/**
 * Folds a new /proc/stat reading into the per-CPU cache so that exported counters never decrease:
 * - a CPU whose idle time dropped by JUMP_BACK_SECONDS or more starts again from the new values (hotplug);
 * - otherwise any field that dropped keeps its previous value;
 * - CPUs missing from the new reading (offline) are forgotten.
 */
export function mergeCpuTimes(cache: Map<number, CpuTimes>, next: ReadonlyMap<number, CpuTimes>, log?: Logger): void {
  for (const [cpu, n] of next) {
    let prev = cache.get(cpu) ?? ZERO;
    if (prev.idle - n.idle >= JUMP_BACK_SECONDS) {
      log?.debug(`CPU Idle counter jumped backwards more than ${JUMP_BACK_SECONDS} seconds, possible hotplug event, resetting CPU stats`, {
        cpu,
        old_value: prev.idle,
        new_value: n.idle,
      });
      prev = ZERO;
    }
    const merged: Record<keyof CpuTimes, number> = { ...prev };
    for (const f of CPU_TIME_FIELDS) {
      if (n[f] >= prev[f]) merged[f] = n[f];
      else log?.debug(`CPU ${LOG_NAMES[f]} counter jumped backwards`, { cpu, old_value: prev[f], new_value: n[f] });
    }
    cache.set(cpu, merged);
  }
  for (const cpu of [...cache.keys()]) if (!next.has(cpu)) cache.delete(cpu);
}

function readUint(kernel: KernelFs, path: string): number | undefined {
  const v = kernel.readTextOptionalSync(path)?.trim();
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

interface Options {
  readonly guest: boolean;
  readonly info: boolean;
  readonly flagsInclude: RegExp | undefined;
  readonly bugsInclude: RegExp | undefined;
}

async function updateInfo(ctx: CollectorContext, o: Options): Promise<void> {
  const cpus = parseCpuinfo(ctx.kernel.readTextSync(ctx.kernel.proc('cpuinfo')));
  const info = ctx.gauge('node_cpu_info', 'CPU information from /proc/cpuinfo.', [
    'package',
    'core',
    'cpu',
    'vendor',
    'family',
    'model',
    'model_name',
    'microcode',
    'stepping',
    'cachesize',
  ]);
  const freq = ctx.gauge('node_cpu_frequency_hertz', 'CPU frequency in hertz from /proc/cpuinfo.', ['package', 'core', 'cpu']);
  for (const c of cpus) {
    const cpu = String(c.processor);
    info.set(1, c.physicalId, c.coreId, cpu, c.vendorId, c.cpuFamily, c.model, c.modelName, c.microcode, c.stepping, c.cacheSize);
    // node_exporter reports 0 Hz where the kernel gives no frequency (arm, mips); we leave it out.
    if (c.cpuMHz !== undefined) freq.set(c.cpuMHz * 1e6, c.physicalId, c.coreId, cpu);
  }
  const first = cpus[0];
  if (!first) return;
  if (o.flagsInclude) {
    const fam = ctx.gauge('node_cpu_flag_info', 'The `flags` field of CPU information from /proc/cpuinfo taken from the first core.', ['flag']);
    for (const f of first.flags) if (o.flagsInclude.test(f)) fam.set(1, f);
  }
  if (o.bugsInclude) {
    const fam = ctx.gauge('node_cpu_bug_info', 'The `bugs` field of CPU information from /proc/cpuinfo taken from the first core.', ['bug']);
    for (const b of first.bugs) if (o.bugsInclude.test(b)) fam.set(1, b);
  }
}

async function updateIsolated(ctx: CollectorContext): Promise<void> {
  const text = ctx.kernel.readTextOptionalSync(ctx.kernel.sys('devices', 'system', 'cpu', 'isolated'));
  if (text === undefined) return;
  const fam = ctx.gauge('node_cpu_isolated', 'Whether each core is isolated, information from /sys/devices/system/cpu/isolated.', ['cpu']);
  for (const cpu of parseCpuList(text)) fam.set(1, String(cpu));
}

/** Thermal throttle counts (x86 only): per package, and per core of a package, read from the first CPU listed for each. */
async function updateThermalThrottle(ctx: CollectorContext): Promise<void> {
  const base = ctx.kernel.sys('devices', 'system', 'cpu');
  const cpus = ctx.kernel.listOptionalSync(base).filter((n) => /^cpu\d/.test(n));
  const packages = new Map<number, number>();
  const cores = new Map<number, Map<number, number>>();
  for (const name of cpus) {
    const dir = join(base, name);
    const pkg = readUint(ctx.kernel, join(dir, 'topology', 'physical_package_id'));
    if (pkg === undefined) continue;
    const core = readUint(ctx.kernel, join(dir, 'topology', 'core_id'));
    if (core === undefined) continue;
    let coreMap = cores.get(pkg);
    if (!coreMap) {
      coreMap = new Map();
      cores.set(pkg, coreMap);
    }
    if (!coreMap.has(core)) {
      const n = readUint(ctx.kernel, join(dir, 'thermal_throttle', 'core_throttle_count'));
      if (n !== undefined) coreMap.set(core, n);
    }
    if (!packages.has(pkg)) {
      const n = readUint(ctx.kernel, join(dir, 'thermal_throttle', 'package_throttle_count'));
      if (n !== undefined) packages.set(pkg, n);
    }
  }
  if (packages.size > 0) {
    const fam = ctx.counter('node_cpu_package_throttles_total', 'Number of times this CPU package has been throttled.', ['package']);
    for (const [pkg, n] of packages) fam.set(n, String(pkg));
  }
  const coreFam = ctx.counter('node_cpu_core_throttles_total', 'Number of times this CPU core has been throttled.', ['package', 'core']);
  for (const [pkg, coreMap] of cores) for (const [core, n] of coreMap) coreFam.set(n, String(pkg), String(core));
}

/** --collector.cpu.info, which the cpufreq collector consults too (as node_exporter's *enableCPUInfo). */
export const CPU_INFO_FLAG: FlagDefinition = { name: 'collector.cpu.info', type: 'boolean', default: false, help: 'Enables metric cpu_info' };

/**
 * Whether the cpu collector exports cpu_info (and node_cpu_frequency_hertz from /proc/cpuinfo): the flag,
 * or either info filter, which turns it on (node_exporter sets *enableCPUInfo, and cpufreq sees it).
 */
export function cpuInfoEnabled(flags: FlagValues): boolean {
  return flags.boolean(CPU_INFO_FLAG.name) || flags.regex('collector.cpu.info.flags-include') !== undefined || flags.regex('collector.cpu.info.bugs-include') !== undefined;
}

export const cpu: CollectorDefinition = {
  name: 'cpu',
  defaultEnabled: true,
  help: 'Exposes CPU statistics (/proc/stat, /proc/cpuinfo, /sys/devices/system/cpu).',
  flags: [
    { name: 'collector.cpu.guest', type: 'boolean', default: true, help: 'Enables metric node_cpu_guest_seconds_total' },
    CPU_INFO_FLAG,
    { name: 'collector.cpu.info.flags-include', type: 'regex', help: 'Filter the `flags` field in cpuInfo with a value that must be a regular expression' },
    { name: 'collector.cpu.info.bugs-include', type: 'regex', help: 'Filter the `bugs` field in cpuInfo with a value that must be a regular expression' },
  ],
  create(env) {
    const flagsInclude = env.flags.regex('collector.cpu.info.flags-include');
    const bugsInclude = env.flags.regex('collector.cpu.info.bugs-include');
    const info = cpuInfoEnabled(env.flags);
    if (info && !env.flags.boolean(CPU_INFO_FLAG.name)) {
      env.log.info(
        '--collector.cpu.info has been set to `true` because you set the following flags, like --collector.cpu.info.flags-include and --collector.cpu.info.bugs-include',
      );
    }
    const o: Options = { guest: env.flags.boolean('collector.cpu.guest'), info, flagsInclude, bugsInclude };
    // Kept across scrapes (the scraper runs one update of a collector at a time).
    const cache = new Map<number, CpuTimes>();

    return {
      async update(ctx) {
        if (o.info) await updateInfo(ctx, o);

        const stat = parseStat(ctx.kernel.readTextSync(ctx.kernel.proc('stat')));
        mergeCpuTimes(cache, stat.cpus, ctx.log);
        const seconds = ctx.counter('node_cpu_seconds_total', 'Seconds the CPUs spent in each mode.', ['cpu', 'mode']);
        const guest = o.guest ? ctx.counter('node_cpu_guest_seconds_total', 'Seconds the CPUs spent in guests (VMs) for each mode.', ['cpu', 'mode']) : undefined;
        for (const [id, t] of [...cache].sort(([a], [b]) => a - b)) {
          const cpuLabel = String(id);
          for (const [field, mode] of MODES) seconds.set(t[field], cpuLabel, mode);
          // Guest time is also counted in user and nice; it is exported separately.
          guest?.set(t.guest, cpuLabel, 'user');
          guest?.set(t.guestNice, cpuLabel, 'nice');
        }

        await updateIsolated(ctx);
        await updateThermalThrottle(ctx);
      },
    };
  },
};
