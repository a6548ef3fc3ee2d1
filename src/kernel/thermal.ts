// /sys/class/thermal: thermal zones and cooling devices, read for the thermal_zone collector and for
// --compat.tiny's cpu_temperature_celsius. A zone's temp and a cooling device's states are produced by
// a driver (get_temp() of an i2c sensor, an ACPI method, a firmware mailbox; get_cur_state() under the
// device's lock, get_max_state() on kernels before 6.3): read off the event loop, cut at the deadline.
// A zone's type and policy and a cooling device's type are strings the thermal core keeps (tz->type,
// tz->governor->name, cdev->type) and prints without a driver call or a lock: read synchronously.
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { readAttrsMixed } from './attrs.ts';
import type { AttrResult } from './attrs.ts';
import { coolingDeviceNumber, thermalZoneNumber } from '../sysfs/thermal.ts';

export { readAttrs } from './attrs.ts';
export type { AttrResult } from './attrs.ts';

export interface ThermalEntry<N extends string> {
  /** Directory name under /sys/class/thermal, e.g. "thermal_zone0". */
  readonly entry: string;
  /** Its number ("0"). */
  readonly number: string;
  readonly attrs: Record<N, AttrResult>;
}

const ZONE_KEPT = ['type', 'policy'] as const;
const ZONE_DRIVER = ['temp'] as const;
const COOLING_KEPT = ['type'] as const;
const COOLING_DRIVER = ['max_state', 'cur_state'] as const;
export type ZoneAttr = (typeof ZONE_KEPT)[number] | (typeof ZONE_DRIVER)[number];
export type CoolingAttr = (typeof COOLING_KEPT)[number] | (typeof COOLING_DRIVER)[number];

/** The entries of /sys/class/thermal whose names `numberOf` accepts, sorted; none when it is missing. */
function entries(kfs: KernelFs, numberOf: (entry: string) => string | undefined): { entry: string; number: string }[] {
  return kfs.listOptionalSync(kfs.sys('class', 'thermal')).flatMap((entry) => {
    const number = numberOf(entry);
    return number === undefined ? [] : [{ entry, number }];
  });
}

/** thermal_zone[0-9]* with their type, policy and temp. */
export async function readThermalZones(kfs: KernelFs, deadline: number): Promise<ThermalEntry<ZoneAttr>[]> {
  const root = kfs.sys('class', 'thermal');
  return Promise.all(entries(kfs, thermalZoneNumber).map(async (e) => ({ ...e, attrs: await readAttrsMixed(kfs, join(root, e.entry), ZONE_KEPT, ZONE_DRIVER, deadline) })));
}

/** cooling_device[0-9]* with their type, max_state and cur_state. */
export async function readCoolingDevices(kfs: KernelFs, deadline: number): Promise<ThermalEntry<CoolingAttr>[]> {
  const root = kfs.sys('class', 'thermal');
  return Promise.all(entries(kfs, coolingDeviceNumber).map(async (e) => ({ ...e, attrs: await readAttrsMixed(kfs, join(root, e.entry), COOLING_KEPT, COOLING_DRIVER, deadline) })));
}
