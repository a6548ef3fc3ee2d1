// node_time_*: the system clock, its time zone and the kernel's clocksources, as node_exporter's time collector.
import { join } from 'node:path';
import type { Collector, CollectorDefinition, CollectorContext } from '../collector.ts';
import { clockSourceDirs, parseClockSource } from '../sysfs/clocksource.ts';
import type { TzData } from '../timezone.ts';
import { loadLocalZone } from '../localZone.ts';
import { lookupZone } from '../timezone.ts';

export interface TimeDeps {
  /** Milliseconds since the epoch, with sub-millisecond precision where available. */
  readonly now?: () => number;
  readonly loadZone?: () => Promise<TzData>;
}

const CLOCKSOURCE_DIR = ['devices', 'system', 'clocksource'];

async function clocksources(ctx: CollectorContext): Promise<void> {
  const dirs = clockSourceDirs(ctx.kernel.listOptionalSync(ctx.kernel.sys(...CLOCKSOURCE_DIR)));
  if (dirs.length === 0) return;
  const parsed = [];
  for (const d of dirs) {
    const base = ctx.kernel.sys(...CLOCKSOURCE_DIR, d);
    parsed.push(parseClockSource(ctx.kernel.readTextSync(join(base, 'available_clocksource')), ctx.kernel.readTextSync(join(base, 'current_clocksource'))));
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
