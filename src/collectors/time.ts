// node_time_*: the system clock, its time zone and the kernel's clocksources, as node_exporter's time collector.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Collector, CollectorDefinition, CollectorContext } from '../collector.ts';
import { listDirOptional, readText, sysPath } from '../fsread.ts';
import { clockSourceDirs, parseClockSource } from '../sysfs/clocksource.ts';
import type { TzData } from '../timezone.ts';
import { UTC_DATA, lookupZone, parseTzif } from '../timezone.ts';

const ZONE_SOURCES = ['/usr/share/zoneinfo/', '/usr/share/lib/zoneinfo/', '/usr/lib/locale/TZ/', '/etc/zoneinfo'];

async function tryLoad(path: string): Promise<TzData | undefined> {
  try {
    return parseTzif(await readFile(path));
  } catch {
    return undefined;
  }
}

/**
 * The local zone as Go's time package initialises it (time.Local): $TZ unset means /etc/localtime; TZ="" or
 * TZ="UTC" means UTC; ":name" or "name" is looked up in the zoneinfo directories, "/path" read as is.
 * Anything that does not load is UTC, as in Go (which also ignores POSIX strings such as
 * TZ="CET-1CEST,M3.5.0,M10.5.0/3" that are not file names, and OpenWrt's /etc/TZ).
 */
export async function loadLocalZone(tzEnv: string | undefined = process.env.TZ): Promise<TzData> {
  if (tzEnv === undefined) return (await tryLoad('/etc/localtime')) ?? UTC_DATA;
  const name = tzEnv.startsWith(':') ? tzEnv.slice(1) : tzEnv;
  if (name === '' || name === 'UTC') return UTC_DATA;
  if (name.startsWith('/')) return (await tryLoad(name)) ?? UTC_DATA;
  for (const dir of ZONE_SOURCES) {
    const z = await tryLoad(join(dir, name));
    if (z) return z;
  }
  return UTC_DATA;
}

export interface TimeDeps {
  /** Milliseconds since the epoch, with sub-millisecond precision where available. */
  readonly now?: () => number;
  readonly loadZone?: () => Promise<TzData>;
}

const CLOCKSOURCE_DIR = ['devices', 'system', 'clocksource'];

async function clocksources(ctx: CollectorContext): Promise<void> {
  const dirs = clockSourceDirs(await listDirOptional(sysPath(ctx.paths, ...CLOCKSOURCE_DIR)));
  if (dirs.length === 0) return;
  const parsed = [];
  for (const d of dirs) {
    const base = sysPath(ctx.paths, ...CLOCKSOURCE_DIR, d);
    parsed.push(parseClockSource(await readText(join(base, 'available_clocksource')), await readText(join(base, 'current_clocksource'))));
  }
  const available = ctx.gauge('node_time_clocksource_available_info', "Available clocksources read from '/sys/devices/system/clocksource'.", ['clocksource', 'device']);
  const current = ctx.gauge('node_time_clocksource_current_info', "Current clocksource read from '/sys/devices/system/clocksource'.", ['clocksource', 'device']);
  // node_exporter labels each clocksource<N> directory by its position in the sorted glob, not by N; the
  // samples come out sorted by label values, clocksource first.
  const byLabels = (a: readonly [string, string], b: readonly [string, string]): number =>
    a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
  const avail: [string, string][] = [];
  const cur: [string, string][] = [];
  parsed.forEach((cs, i) => {
    for (const a of cs.available) avail.push([a, String(i)]);
    cur.push([cs.current, String(i)]);
  });
  for (const [cs, dev] of avail.sort(byLabels)) available.set(1, cs, dev);
  for (const [cs, dev] of cur.sort(byLabels)) current.set(1, cs, dev);
}

export function createTimeCollector(deps: TimeDeps = {}): Collector {
  const now = deps.now ?? ((): number => performance.timeOrigin + performance.now());
  const loadZone = deps.loadZone ?? ((): Promise<TzData> => loadLocalZone());
  let zone: TzData | undefined;
  return {
    async update(ctx) {
      // Go resolves time.Local once per process; so do we.
      zone ??= await loadZone();
      const ms = now();
      const z = lookupZone(zone, Math.floor(ms / 1000));
      ctx.gauge('node_time_seconds', 'System time in seconds since epoch (1970).').set(ms / 1000);
      ctx.gauge('node_time_zone_offset_seconds', 'System time zone offset in seconds.', ['time_zone']).set(z.offset, z.name);
      await clocksources(ctx);
    },
  };
}

export const time: CollectorDefinition = {
  name: 'time',
  defaultEnabled: true,
  help: 'Exposes the current system time.',
  create: () => createTimeCollector(),
};
