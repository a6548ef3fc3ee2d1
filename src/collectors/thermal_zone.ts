// node_thermal_zone_temp and node_cooling_device_*_state from /sys/class/thermal
// (node_exporter's collector/thermal_zone_linux.go on prometheus/procfs's sysfs package).
import { join } from 'node:path';
import type { CollectorDefinition } from '../collector.ts';
import { listDirOptional, sysPath } from '../fsread.ts';
import { sysReadString } from '../sysfsRead.ts';
import { coolingDeviceNumber, parseCoolingDevice, parseThermalZone, thermalZoneNumber } from '../sysfs/thermal.ts';
import type { CoolingDevice, ThermalZone } from '../sysfs/thermal.ts';

/** Reads one zone, or returns why it is skipped: type, policy and temp are required, as in procfs. */
async function readZone(dir: string, zone: string): Promise<ThermalZone | string> {
  try {
    const [type, policy, temp] = await Promise.all(['type', 'policy', 'temp'].map((a) => sysReadString(join(dir, a))));
    return parseThermalZone(zone, { type: type ?? '', policy: policy ?? '', temp: temp ?? '' });
  } catch (err) {
    return (err as Error).message;
  }
}

/** Reads one cooling device, or returns why it is skipped. */
async function readCoolingDevice(dir: string, name: string): Promise<CoolingDevice | string> {
  try {
    const [type, maxState, curState] = await Promise.all(['type', 'max_state', 'cur_state'].map((a) => sysReadString(join(dir, a))));
    return parseCoolingDevice(name, { type: type ?? '', maxState: maxState ?? '', curState: curState ?? '' });
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
      const root = sysPath(ctx.paths, 'class', 'thermal');
      // As with node_exporter's glob, a missing /sys/class/thermal is simply no zones.
      const entries = await listDirOptional(root);

      const zoneEntries = entries.flatMap((e) => {
        const n = thermalZoneNumber(e);
        return n === undefined ? [] : [{ entry: e, n }];
      });
      const zones = await Promise.all(zoneEntries.map((z) => readZone(join(root, z.entry), z.n)));
      zones.forEach((z, i) => {
        if (typeof z === 'string') {
          ctx.log.debug('skipping thermal zone', { zone: zoneEntries[i]?.entry, err: z });
          return;
        }
        ctx.gauge('node_thermal_zone_temp', 'Zone temperature in Celsius', ['zone', 'type']).set(z.tempMillicelsius / 1000, z.zone, z.type);
      });

      const cdEntries = entries.flatMap((e) => {
        const n = coolingDeviceNumber(e);
        return n === undefined ? [] : [{ entry: e, n }];
      });
      const devices = await Promise.all(cdEntries.map((c) => readCoolingDevice(join(root, c.entry), c.n)));
      devices.forEach((d, i) => {
        if (typeof d === 'string') {
          ctx.log.debug('skipping cooling device', { device: cdEntries[i]?.entry, err: d });
          return;
        }
        ctx.gauge('node_cooling_device_cur_state', 'Current throttle state of the cooling device', ['name', 'type']).set(d.curState, d.name, d.type);
        ctx.gauge('node_cooling_device_max_state', 'Maximum throttle state of the cooling device', ['name', 'type']).set(d.maxState, d.name, d.type);
      });
    },
  }),
};
