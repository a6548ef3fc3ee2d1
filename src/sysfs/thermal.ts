// /sys/class/thermal/thermal_zone*/ and cooling_device*/ (prometheus/procfs sysfs/class_thermal.go and
// class_cooling_device.go). Pure: the attribute values come in already read and whitespace-trimmed.
import { parseGoInt64Base10 } from '../goparse.ts';

export interface ThermalZone {
  /** The zone number from the directory name ("0" for thermal_zone0). */
  readonly zone: string;
  readonly type: string;
  readonly policy: string;
  /** Millidegrees Celsius; negative values are valid (outdoor sensors, cold boards). */
  readonly tempMillicelsius: number;
}

export interface CoolingDevice {
  /** The device number from the directory name ("0" for cooling_device0). */
  readonly name: string;
  readonly type: string;
  readonly maxState: number;
  /** Can be -1 (intel_powerclamp when idle injection is off). */
  readonly curState: number;
}

/** Go's strconv.ParseInt(text, 10, 64) as a float64; throws a clear Error where Go returns one. */
export function parseInt64(text: string, what: string): number {
  const v = parseGoInt64Base10(text);
  if (v !== undefined) return v;
  throw new Error(/^[+-]?\d+$/.test(text) ? `${what}: out of range: ${text}` : `${what}: not an integer: ${JSON.stringify(text.slice(0, 40))}`);
}

/** "thermal_zone12" -> "12"; undefined for names the glob thermal_zone[0-9]* does not match. */
export function thermalZoneNumber(entry: string): string | undefined {
  return /^thermal_zone[0-9]/.test(entry) ? entry.slice('thermal_zone'.length) : undefined;
}

/** "cooling_device3" -> "3"; undefined for names the glob cooling_device[0-9]* does not match. */
export function coolingDeviceNumber(entry: string): string | undefined {
  return /^cooling_device[0-9]/.test(entry) ? entry.slice('cooling_device'.length) : undefined;
}

export function parseThermalZone(zone: string, attrs: { readonly type: string; readonly policy: string; readonly temp: string }): ThermalZone {
  return { zone, type: attrs.type, policy: attrs.policy, tempMillicelsius: parseInt64(attrs.temp, `thermal_zone${zone}/temp`) };
}

export function parseCoolingDevice(name: string, attrs: { readonly type: string; readonly maxState: string; readonly curState: string }): CoolingDevice {
  return {
    name,
    type: attrs.type,
    maxState: parseInt64(attrs.maxState, `cooling_device${name}/max_state`),
    curState: parseInt64(attrs.curState, `cooling_device${name}/cur_state`),
  };
}
