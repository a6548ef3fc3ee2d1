// The original Go exporter's metric set, served with --compat.tiny so that dashboards built on it keep
// working. Names and meanings are kept; every value comes from the same parsers the node_exporter
// collectors use. See docs/compat-tiny.md for what each metric means and why node_exporter's counters
// with rate() are the better choice.
//
// Choices where the original's exact behaviour is not known (documented in docs/compat-tiny.md):
// - net_*_diff: change of a /proc/net/dev counter since this collector's previous scrape. None on the
//   first scrape; an interface that appears later gets its first diff on its second scrape; a counter
//   that went backwards (interface re-created, counters reset) gives no sample for that scrape.
// - cpu_*: percent (0..100) of the CPU time that passed between two scrapes, from the aggregate "cpu"
//   line of /proc/stat, with gopsutil's (and top's) definitions: total = user + nice + system + idle +
//   iowait + irq + softirq + steal (guest time is already inside user and nice), usage = total - idle -
//   iowait. None on the first scrape.
// - diskio_*_bytes: cumulative bytes (sectors * 512) of every /proc/diskstats line, as gauges.
// - mem_*: bytes from /proc/meminfo with procps-ng free's definitions (see memFromMeminfo).
// - cpu_temperature_celsius: thermal zones whose type contains "cpu"; only if there are none, hwmon
//   temperatures of CPU chips (see readCpuTemperatures).
//
// Each of the five parts is independent: a part whose file is missing or unusable exports nothing this
// scrape (logged once per distinct error) and the others are still served. The collector fails only
// when none of the four /proc parts could be read.
import type { CollectorContext, CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { HwmonReader } from '../kernel/hwmon.ts';
import type { ChipReading } from '../kernel/hwmon.ts';
import type { KernelFs } from '../kernel/kernelFs.ts';
import { classifyReadError } from '../kernel/readErrors.ts';
import { readThermalZones } from '../kernel/thermal.ts';
import { parseDiskstats } from '../procfs/diskstats.ts';
import { parseMeminfo } from '../procfs/meminfo.ts';
import { parseNetDev } from '../procfs/netDev.ts';
import { parseStat } from '../procfs/stat.ts';
import type { CpuTimes } from '../procfs/stat.ts';
import { parseInt64 } from '../sysfs/thermal.ts';

// ---------------------------------------------------------------------------------------------------
// net_*_diff

export interface NetCounters {
  readonly rxBytes: number;
  readonly txBytes: number;
  readonly rxPackets: number;
  readonly txPackets: number;
}

const NET_DIFFS: readonly (readonly [name: string, key: keyof NetCounters, help: string])[] = [
  ['net_received_bytes_diff', 'rxBytes', 'Bytes received by the network interface since the previous scrape.'],
  ['net_transmit_bytes_diff', 'txBytes', 'Bytes transmitted by the network interface since the previous scrape.'],
  ['net_received_packets_diff', 'rxPackets', 'Packets received by the network interface since the previous scrape.'],
  ['net_transmit_packets_diff', 'txPackets', 'Packets transmitted by the network interface since the previous scrape.'],
];

export interface NetDiff {
  readonly name: string;
  readonly iface: string;
  readonly value: number;
}

/**
 * The diffs between two readings of /proc/net/dev. An interface without a previous reading has none; a
 * counter that is lower than before (a reset) has none for this pair of readings.
 */
export function netDiffs(prev: ReadonlyMap<string, NetCounters>, cur: ReadonlyMap<string, NetCounters>): NetDiff[] {
  const out: NetDiff[] = [];
  for (const [iface, now] of cur) {
    const before = prev.get(iface);
    if (before === undefined) continue;
    for (const [name, key] of NET_DIFFS) {
      const d = now[key] - before[key];
      if (d >= 0) out.push({ name, iface, value: d });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// cpu_*

export interface CpuPercentages {
  readonly usage: number;
  readonly user: number;
  readonly system: number;
  readonly iowait: number;
  readonly irq: number;
}

const CPU_MODES = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal'] as const;

/**
 * Percent of the CPU time between two readings of the aggregate cpu line spent in each mode, or
 * undefined when no time passed (two scrapes within one tick). A mode whose counter went backwards
 * (idle and iowait can, on some NO_HZ kernels) counts as 0, so every value stays within 0..100.
 */
export function cpuPercentages(prev: CpuTimes, cur: CpuTimes): CpuPercentages | undefined {
  const d = {} as Record<(typeof CPU_MODES)[number], number>;
  let total = 0;
  for (const m of CPU_MODES) {
    d[m] = Math.max(0, cur[m] - prev[m]);
    total += d[m];
  }
  if (!(total > 0)) return undefined;
  const pct = (v: number): number => (v * 100) / total;
  return {
    usage: pct(total - d.idle - d.iowait),
    user: pct(d.user),
    system: pct(d.system),
    iowait: pct(d.iowait),
    irq: pct(d.irq),
  };
}

const CPU_METRICS: readonly (readonly [name: string, key: keyof CpuPercentages, help: string])[] = [
  ['cpu_usage', 'usage', 'Percent of CPU time not idle and not waiting for I/O since the previous scrape (all CPUs).'],
  ['cpu_user', 'user', 'Percent of CPU time spent in user mode since the previous scrape (all CPUs).'],
  ['cpu_system', 'system', 'Percent of CPU time spent in kernel mode since the previous scrape (all CPUs).'],
  ['cpu_iowait', 'iowait', 'Percent of CPU time spent idle waiting for I/O since the previous scrape (all CPUs).'],
  ['cpu_irq', 'irq', 'Percent of CPU time spent servicing hardware interrupts since the previous scrape (all CPUs).'],
];

// ---------------------------------------------------------------------------------------------------
// mem_*

export interface TinyMemory {
  readonly total: number;
  readonly used: number;
  readonly free: number;
  readonly cached: number;
  readonly buffered: number;
  readonly shared: number;
  /** MemAvailable; undefined on kernels before 3.14, which do not have it. */
  readonly available: number | undefined;
}

/**
 * Bytes, as procps-ng's `free` computes its columns: cached is its "cache" (Cached + SReclaimable),
 * used = total - free - buffers - cache (or total - free when that would be negative, as free does),
 * shared is Shmem. MemTotal and MemFree are required; the other fields count as 0 when the kernel has
 * no such line, except MemAvailable, which is then left out.
 */
export function memFromMeminfo(fields: ReadonlyMap<string, number>): TinyMemory {
  const kb = (key: string): number | undefined => {
    const v = fields.get(key);
    return v === undefined ? undefined : v * 1024;
  };
  const total = kb('MemTotal');
  const free = kb('MemFree');
  if (total === undefined || free === undefined) throw new Error('meminfo has no MemTotal or MemFree');
  const buffered = kb('Buffers') ?? 0;
  const cached = (kb('Cached') ?? 0) + (kb('SReclaimable') ?? 0);
  let used = total - free - buffered - cached;
  if (used < 0) used = total - free;
  return { total, used, free, cached, buffered, shared: kb('Shmem') ?? 0, available: kb('MemAvailable') };
}

const MEM_METRICS: readonly (readonly [name: string, key: keyof TinyMemory, help: string])[] = [
  ['mem_total', 'total', 'Total usable memory in bytes (MemTotal).'],
  ['mem_used', 'used', 'Used memory in bytes: total - free - buffers - cache, as free(1) computes it.'],
  ['mem_free', 'free', 'Unused memory in bytes (MemFree).'],
  ['mem_cached', 'cached', 'Page cache and reclaimable slab in bytes (Cached + SReclaimable, free(1)\'s "cache").'],
  ['mem_buffered', 'buffered', 'Block device buffers in bytes (Buffers).'],
  ['mem_shared', 'shared', 'Shared memory (tmpfs, shm) in bytes (Shmem).'],
  ['mem_available', 'available', 'Memory available for new work without swapping, in bytes (MemAvailable).'],
];

// ---------------------------------------------------------------------------------------------------
// cpu_temperature_celsius

export interface CpuTemperature {
  readonly sensor: string;
  readonly celsius: number;
}

/** hwmon chips that measure the CPU: Intel, AMD (two drivers), and anything that says "cpu". */
const CPU_HWMON_CHIP = /^(?:coretemp|k8temp|k10temp|zenpower)$|cpu/i;

/** Millidegrees to degrees, or undefined for an unreadable or garbled value (EINVAL, ENODATA...). */
function celsiusOf(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  try {
    return parseInt64(text, what) / 1000;
  } catch {
    return undefined;
  }
}

/** Sensor labels "<id>/<rest>" or "<id>"; an id that several devices share gets ":<directory>" added. */
function disambiguate<T extends { readonly id: string; readonly entry: string }>(items: readonly T[]): (T & { readonly unique: string })[] {
  const entriesById = new Map<string, Set<string>>();
  for (const i of items) entriesById.set(i.id, (entriesById.get(i.id) ?? new Set()).add(i.entry));
  return items.map((i) => ({ ...i, unique: (entriesById.get(i.id)?.size ?? 0) > 1 ? `${i.id}:${i.entry}` : i.id }));
}

/**
 * CPU temperatures: thermal zones whose type contains "cpu" (sensor = the type), or, only when there is
 * none, the temp*_input sensors of CPU hwmon chips (sensor = "<chip name>/<label or tempN>"). Not both:
 * on ARM each thermal zone is also registered as a hwmon chip of the same name.
 */
export async function readCpuTemperatures(kfs: KernelFs, hwmon: HwmonReader, deadline: number): Promise<CpuTemperature[]> {
  const zones: { id: string; entry: string; celsius: number }[] = [];
  for (const z of await readThermalZones(kfs, deadline)) {
    const type = z.attrs.type.ok ? z.attrs.type.text : undefined;
    if (type === undefined || !/cpu/i.test(type)) continue;
    const celsius = celsiusOf(z.attrs.temp.ok ? z.attrs.temp.text : undefined, `${z.entry}/temp`);
    if (celsius !== undefined) zones.push({ id: type, entry: z.entry, celsius });
  }
  if (zones.length > 0) return disambiguate(zones).map((z) => ({ sensor: z.unique, celsius: z.celsius }));

  let chips: ChipReading[];
  try {
    chips = hwmon.chips();
  } catch (err) {
    if (err instanceof NoDataError) return [];
    throw err;
  }
  const temps: { id: string; entry: string; sensor: string; celsius: number }[] = [];
  const want = (sensor: string, property: string): boolean => sensor.startsWith('temp') && (property === 'input' || property === 'label');
  for (const { chip } of chips) {
    const name = chip.nameText;
    if (name === undefined || !CPU_HWMON_CHIP.test(name)) continue;
    let data;
    try {
      data = await hwmon.values(chip, deadline, { deviceDir: false, want });
    } catch (err) {
      if (classifyReadError(err) === 'stuck') throw err;
      continue;
    }
    for (const [sensor, props] of data) {
      const celsius = celsiusOf(props.get('input')?.trim(), `${chip.entry}/${sensor}_input`);
      if (celsius === undefined) continue;
      temps.push({ id: name, entry: chip.entry, sensor: props.get('label')?.trim() || sensor, celsius });
    }
  }
  return disambiguate(temps).map((t) => ({ sensor: `${t.unique}/${t.sensor}`, celsius: t.celsius }));
}

// ---------------------------------------------------------------------------------------------------
// The collector

interface TinyState {
  net: Map<string, NetCounters> | undefined;
  cpu: CpuTimes | undefined;
  /** Last error logged per part, so a persistent failure is logged once. */
  readonly failures: Map<string, string>;
  /** The hwmon reader (chip names and files cached between scrapes), made on the first scrape. */
  hwmon: HwmonReader | undefined;
}

async function part(ctx: CollectorContext, state: TinyState, name: string, fn: () => Promise<void>): Promise<boolean> {
  try {
    await fn();
    if (state.failures.delete(name)) ctx.log.info('compat.tiny part recovered', { collector: 'tiny', part: name });
    return true;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const fields = { collector: 'tiny', part: name, err: message };
    if (state.failures.get(name) === message) ctx.log.debug('compat.tiny part failed again', fields);
    else ctx.log.warn('compat.tiny part failed', fields);
    state.failures.set(name, message);
    return false;
  }
}

async function collectNet(ctx: CollectorContext, state: TinyState): Promise<void> {
  const devs = parseNetDev(ctx.kernel.readTextSync(ctx.kernel.proc('net', 'dev')));
  const cur = new Map<string, NetCounters>();
  for (const d of devs) cur.set(d.name, { rxBytes: d.rxBytes, txBytes: d.txBytes, rxPackets: d.rxPackets, txPackets: d.txPackets });
  if (state.net !== undefined) {
    const fams = new Map(NET_DIFFS.map(([n, , help]) => [n, ctx.gauge(n, help, ['interface'])]));
    for (const diff of netDiffs(state.net, cur)) fams.get(diff.name)?.set(diff.value, diff.iface);
  }
  // Interfaces that are gone are forgotten: one that comes back starts over.
  state.net = cur;
}

async function collectCpu(ctx: CollectorContext, state: TinyState): Promise<void> {
  const total = parseStat(ctx.kernel.readTextSync(ctx.kernel.proc('stat'))).total;
  if (total === undefined) throw new Error('/proc/stat has no aggregate cpu line');
  if (state.cpu === undefined) {
    state.cpu = total;
    return;
  }
  const p = cpuPercentages(state.cpu, total);
  // No time passed: keep the older reading, so the next scrape measures from it.
  if (p === undefined) return;
  for (const [name, key, help] of CPU_METRICS) ctx.gauge(name, help).set(p[key]);
  state.cpu = total;
}

const DISK_READ_HELP = 'Bytes read from the block device since boot (sectors read * 512).';
const DISK_WRITE_HELP = 'Bytes written to the block device since boot (sectors written * 512).';
const TEMPERATURE_HELP = 'CPU temperature in degrees Celsius, per sensor.';

async function collectDisk(ctx: CollectorContext): Promise<void> {
  const disks = parseDiskstats(ctx.kernel.readTextSync(ctx.kernel.proc('diskstats')));
  const read = ctx.gauge('diskio_read_bytes', DISK_READ_HELP, ['disk']);
  const written = ctx.gauge('diskio_write_bytes', DISK_WRITE_HELP, ['disk']);
  for (const d of disks) {
    read.set(d.sectorsRead * 512, d.name);
    written.set(d.sectorsWritten * 512, d.name);
  }
}

async function collectMem(ctx: CollectorContext): Promise<void> {
  const fields = new Map<string, number>();
  for (const e of parseMeminfo(ctx.kernel.readTextSync(ctx.kernel.proc('meminfo')))) if (e.unit === 'kB') fields.set(e.key, e.value);
  const mem = memFromMeminfo(fields);
  for (const [name, key, help] of MEM_METRICS) {
    const v = mem[key];
    if (v !== undefined) ctx.gauge(name, help).set(v);
  }
}

async function collectTemperature(ctx: CollectorContext, state: TinyState): Promise<void> {
  state.hwmon ??= new HwmonReader(ctx.kernel);
  const temps = await readCpuTemperatures(ctx.kernel, state.hwmon, ctx.deadline);
  const fam = ctx.gauge('cpu_temperature_celsius', TEMPERATURE_HELP, ['sensor']);
  for (const t of temps) fam.set(t.celsius, t.sensor);
}

export const tiny: CollectorDefinition = {
  name: 'tiny',
  defaultEnabled: false,
  help: "The original Go exporter's metrics (net_*_diff, cpu_*, diskio_*, mem_*, cpu_temperature_celsius).",
  create: () => {
    const state: TinyState = { net: undefined, cpu: undefined, failures: new Map(), hwmon: undefined };
    return {
      async update(ctx) {
        // Families are declared up front so that the exposition lists them in the same order on every
        // scrape, whichever of them got samples first.
        for (const [name, , help] of NET_DIFFS) ctx.gauge(name, help, ['interface']);
        for (const [name, , help] of CPU_METRICS) ctx.gauge(name, help);
        ctx.gauge('diskio_read_bytes', DISK_READ_HELP, ['disk']);
        ctx.gauge('diskio_write_bytes', DISK_WRITE_HELP, ['disk']);
        for (const [name, , help] of MEM_METRICS) ctx.gauge(name, help);
        ctx.gauge('cpu_temperature_celsius', TEMPERATURE_HELP, ['sensor']);
        const ok = [
          await part(ctx, state, 'net', () => collectNet(ctx, state)),
          await part(ctx, state, 'cpu', () => collectCpu(ctx, state)),
          await part(ctx, state, 'diskio', () => collectDisk(ctx)),
          await part(ctx, state, 'mem', () => collectMem(ctx)),
        ];
        await part(ctx, state, 'temperature', () => collectTemperature(ctx, state));
        if (!ok.some(Boolean)) throw new Error('compat.tiny: none of /proc/net/dev, /proc/stat, /proc/diskstats, /proc/meminfo could be read');
      },
    };
  },
};
