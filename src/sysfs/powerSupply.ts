// /sys/class/power_supply/<name>/: one attribute a file (the power_supply class ABI,
// Documentation/ABI/testing/sysfs-class-power). Read as prometheus/procfs's sysfs.PowerSupplyClass:
// every regular file of the directory, numbers as Go's strconv.ParseInt(s, 0, 64) takes them.
//   type "Battery"   status "Discharging"   capacity 81   energy_now 36580000 (µWh)   voltage_now 11660000 (µV)
import { parseGoInt } from '../goparse.ts';

/** Numeric attributes exported as-is (percent, count, boolean, seconds). */
export const PLAIN_ATTRS: ReadonlyArray<readonly [attr: string, metric: string]> = [
  ['authentic', 'authentic'],
  ['calibrate', 'calibrate'],
  ['capacity', 'capacity'],
  ['capacity_alert_max', 'capacity_alert_max'],
  ['capacity_alert_min', 'capacity_alert_min'],
  ['cycle_count', 'cyclecount'],
  ['online', 'online'],
  ['present', 'present'],
  ['time_to_empty_now', 'time_to_empty_seconds'],
  ['time_to_full_now', 'time_to_full_seconds'],
];

/** Attributes in micro-units (µA, µV, µWh, µAh, µW), exported divided by 1e6. */
export const MICRO_ATTRS: ReadonlyArray<readonly [attr: string, metric: string]> = [
  ['current_boot', 'current_boot'],
  ['current_max', 'current_max'],
  ['current_now', 'current_ampere'],
  ['energy_empty', 'energy_empty'],
  ['energy_empty_design', 'energy_empty_design'],
  ['energy_full', 'energy_full'],
  ['energy_full_design', 'energy_full_design'],
  ['energy_now', 'energy_watthour'],
  ['voltage_boot', 'voltage_boot'],
  ['voltage_max', 'voltage_max'],
  ['voltage_max_design', 'voltage_max_design'],
  ['voltage_min', 'voltage_min'],
  ['voltage_min_design', 'voltage_min_design'],
  ['voltage_now', 'voltage_volt'],
  ['voltage_ocv', 'voltage_ocv'],
  ['charge_control_limit', 'charge_control_limit'],
  ['charge_control_limit_max', 'charge_control_limit_max'],
  ['charge_counter', 'charge_counter'],
  ['charge_empty', 'charge_empty'],
  ['charge_empty_design', 'charge_empty_design'],
  ['charge_full', 'charge_full'],
  ['charge_full_design', 'charge_full_design'],
  ['charge_now', 'charge_ampere'],
  ['charge_term_current', 'charge_term_current'],
  ['constant_charge_current', 'constant_charge_current'],
  ['constant_charge_current_max', 'constant_charge_current_max'],
  ['constant_charge_voltage', 'constant_charge_voltage'],
  ['constant_charge_voltage_max', 'constant_charge_voltage_max'],
  ['precharge_current', 'precharge_current'],
  ['input_current_limit', 'input_current_limit'],
  ['power_now', 'power_watt'],
];

/** Temperatures in tenths of a degree Celsius, exported divided by 10. */
export const DECI_ATTRS: ReadonlyArray<readonly [attr: string, metric: string]> = [
  ['temp', 'temp_celsius'],
  ['temp_alert_max', 'temp_alert_max_celsius'],
  ['temp_alert_min', 'temp_alert_min_celsius'],
  ['temp_ambient', 'temp_ambient_celsius'],
  ['temp_ambient_max', 'temp_ambient_max_celsius'],
  ['temp_ambient_min', 'temp_ambient_min_celsius'],
  ['temp_max', 'temp_max_celsius'],
  ['temp_min', 'temp_min_celsius'],
];

/** Text attributes that become labels of node_power_supply_info (the label is the attribute's name). */
export const INFO_ATTRS = ['capacity_level', 'charge_type', 'health', 'manufacturer', 'model_name', 'serial_number', 'status', 'technology', 'type', 'usb_type', 'scope'] as const;

/** Every attribute file the collector reads; anything else in the directory (uevent, alarm...) is ignored. */
export const KNOWN_ATTRS: ReadonlySet<string> = new Set([...PLAIN_ATTRS, ...MICRO_ATTRS, ...DECI_ATTRS].map(([a]) => a).concat(INFO_ATTRS));

export interface PowerSupply {
  readonly name: string;
  /** Numeric attributes by file name (only those that parsed). */
  readonly numbers: ReadonlyMap<string, number>;
  /** Non-empty text attributes by file name. */
  readonly texts: ReadonlyMap<string, string>;
}

/** One supply from its attribute files (name -> trimmed content); a numeric attribute that does not parse is absent. */
export function parsePowerSupply(name: string, attrs: ReadonlyMap<string, string>): PowerSupply {
  const numbers = new Map<string, number>();
  const texts = new Map<string, string>();
  const info: ReadonlySet<string> = new Set(INFO_ATTRS);
  for (const [attr, value] of attrs) {
    if (!KNOWN_ATTRS.has(attr)) continue;
    if (info.has(attr)) {
      if (value !== '') texts.set(attr, value);
      continue;
    }
    const n = parseGoInt(value);
    if (n !== undefined) numbers.set(attr, n);
  }
  return { name, numbers, texts };
}
