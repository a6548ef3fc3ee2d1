// node_thermal_zone_temp and node_cooling_device_*_state from /sys/class/thermal
// (node_exporter's collector/thermal_zone_linux.go on prometheus/procfs's sysfs package).
import type { CollectorDefinition } from '../collector.ts';
import { readCoolingDevices, readThermalZones } from '../kernel/thermal.ts';
import type { AttrResult } from '../kernel/thermal.ts';
import { parseCoolingDevice, parseThermalZone } from '../sysfs/thermal.ts';

/** The texts of all attributes, or the error of the first unreadable one (procfs requires them all). */
function allOk<N extends string>(attrs: Record<N, AttrResult>, names: readonly N[]): Record<N, string> | Error {
  const out = {} as Record<N, string>;
  for (const n of names) {
    const a = attrs[n];
    if (!a.ok) return a.err instanceof Error ? a.err : new Error(String(a.err));
    out[n] = a.text;
  }
  return out;
}

/** Parses one zone or device, or returns why it is skipped. */
function attempt<T>(parse: () => T): T | string {
  try {
    return parse();
  } catch (err) {
    return (err as Error).message;
  }
}

export const thermalZone: CollectorDefinition = {
  name: 'thermal_zone',
  defaultEnabled: true,
  help: 'Exposes thermal zone & cooling device statistics from /sys/class/thermal.',
  create: () => ({
    async update(ctx) {
      // As with node_exporter's glob, a missing /sys/class/thermal is simply no zones.
      const [zones, devices] = await Promise.all([readThermalZones(ctx.kernel, ctx.deadline), readCoolingDevices(ctx.kernel, ctx.deadline)]);
      for (const z of zones) {
        const a = allOk(z.attrs, ['type', 'policy', 'temp'] as const);
        const parsed = a instanceof Error ? a.message : attempt(() => parseThermalZone(z.number, a));
        if (typeof parsed === 'string') {
          ctx.log.debug('skipping thermal zone', { zone: z.entry, err: parsed });
          continue;
        }
        ctx.gauge('node_thermal_zone_temp', 'Zone temperature in Celsius', ['zone', 'type']).set(parsed.tempMillicelsius / 1000, parsed.zone, parsed.type);
      }
      for (const d of devices) {
        const a = allOk(d.attrs, ['type', 'max_state', 'cur_state'] as const);
        const parsed = a instanceof Error ? a.message : attempt(() => parseCoolingDevice(d.number, { type: a.type, maxState: a.max_state, curState: a.cur_state }));
        if (typeof parsed === 'string') {
          ctx.log.debug('skipping cooling device', { device: d.entry, err: parsed });
          continue;
        }
        ctx.gauge('node_cooling_device_cur_state', 'Current throttle state of the cooling device', ['name', 'type']).set(parsed.curState, parsed.name, parsed.type);
        ctx.gauge('node_cooling_device_max_state', 'Maximum throttle state of the cooling device', ['name', 'type']).set(parsed.maxState, parsed.name, parsed.type);
      }
    },
  }),
};
