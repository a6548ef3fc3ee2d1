// /sys/class/hwmon/hwmon*/: sensor file names, chip names and the mapping of sensor attributes to
// node_exporter's node_hwmon_* samples (collector/hwmon_linux.go). Pure: the collector does the reading.
import { parseGoFloat } from '../goparse.ts';

/** Sensor types whose files are read; every other file in a hwmon directory is ignored. */
export const HWMON_SENSOR_TYPES: readonly string[] = [
  'vrm',
  'beep_enable',
  'update_interval',
  'in',
  'cpu',
  'fan',
  'pwm',
  'temp',
  'curr',
  'power',
  'energy',
  'humidity',
  'intrusion',
  'freq',
];

/** Lower-cases, turns every character outside [a-z0-9:_] into "_" and trims leading/trailing "_". */
export function cleanMetricName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9:_]/g, '_')
    .replace(/^_+|_+$/g, '');
}

export interface SensorFilename {
  /** "temp", "fan", "beep_enable", ... (everything before the first digit). */
  readonly type: string;
  /** The sensor index; 0 when the name has none ("vrm", "beep_enable"). */
  readonly num: string;
  /** What follows "<type><num>_": "input", "crit_alarm", "auto_point1_pwm"; "" when nothing follows. */
  readonly property: string;
}

const SENSOR_FILENAME = /^([^0-9]+)([0-9]*)?(_(.+))?$/;
const INT64_MAX = 9223372036854775807n;

/**
 * Splits a hwmon attribute file name into <type><num>_<property> ("temp1_crit_alarm" -> temp, 1,
 * crit_alarm). Returns undefined for names that do not fit (starting with a digit, an index too large
 * for a 64-bit integer). The index is normalised ("temp01" -> 1), as node_exporter's Atoi/Itoa does.
 */
export function explodeSensorFilename(filename: string): SensorFilename | undefined {
  const m = SENSOR_FILENAME.exec(filename);
  if (!m) return undefined;
  const type = m[1] ?? '';
  const digits = m[2] ?? '';
  let num = '0';
  if (digits !== '') {
    const n = BigInt(digits);
    if (n > INT64_MAX) return undefined;
    num = n.toString();
  }
  return { type, num, property: m[4] ?? '' };
}

/** The sensor key a file contributes to ("temp1_input" -> "temp1"), or undefined if the file is not read. */
export function sensorKeyOf(filename: string): { sensor: string; property: string } | undefined {
  const e = explodeSensorFilename(filename);
  if (!e || !HWMON_SENSOR_TYPES.includes(e.type)) return undefined;
  return { sensor: e.type + e.num, property: e.property };
}

/** What a hwmon directory's `device` link resolves to, as the last two path elements. */
export interface DeviceLink {
  /** Parent directory name of the device ("platform", "pci0000:00", "ieee80211", "thermal"). */
  readonly parent: string;
  /** The device directory name ("coretemp.0", "0000:01:00.0", "phy0", "thermal_zone0"). */
  readonly name: string;
}

/** Splits a resolved device path into its last two elements. */
export function deviceLinkOf(resolvedPath: string): DeviceLink {
  const parts = resolvedPath.split('/').filter((p) => p !== '');
  return { name: parts[parts.length - 1] ?? '', parent: parts[parts.length - 2] ?? '' };
}

/**
 * node_exporter's hwmonName: the chip label derived from, in order of preference, the `device` link
 * (<parent>_<device>, e.g. platform_coretemp_0), the `name` file, and the hwmonN directory name.
 * Returns undefined when none gives a usable name.
 */
export function baseChipName(device: DeviceLink | undefined, nameFile: string | undefined, hwmonDirName: string): string | undefined {
  if (device) {
    const devName = cleanMetricName(device.name);
    const devType = cleanMetricName(device.parent);
    if (devType !== '' && devName !== '') return `${devType}_${devName}`;
    if (devName !== '') return devName;
  }
  if (nameFile !== undefined && nameFile !== '') {
    const n = cleanMetricName(nameFile);
    if (n !== '') return n;
  }
  const d = cleanMetricName(hwmonDirName);
  return d === '' ? undefined : d;
}

/** The human-readable chip name for node_hwmon_chip_names: the cleaned `name` file, or undefined. */
export function humanChipName(nameFile: string | undefined): string | undefined {
  if (nameFile === undefined || nameFile === '') return undefined;
  const n = cleanMetricName(nameFile);
  return n === '' ? undefined : n;
}

export interface ChipCandidate {
  /** The entry name under /sys/class/hwmon ("hwmon3"). */
  readonly entry: string;
  readonly base: string;
  /** Cleaned `name` file content, if any. */
  readonly humanName: string | undefined;
}

/**
 * Chip labels for all chips of one scrape. Several hwmon devices can hang off one parent device
 * (asus-nb-wmi, an mt7996 with one hwmon per radio under a single phy), so their base names collide.
 * A colliding chip gets "<base>_<name file>" when that is unique among the chips sharing the base,
 * otherwise "<base>_<hwmonN>"; chips with a unique base keep it unchanged (node_exporter 1.12).
 */
export function chipLabels(chips: readonly ChipCandidate[]): string[] {
  const baseCount = new Map<string, number>();
  const nameCount = new Map<string, number>();
  for (const c of chips) {
    baseCount.set(c.base, (baseCount.get(c.base) ?? 0) + 1);
    if (c.humanName !== undefined) {
      const k = `${c.base}\u0000${c.humanName}`;
      nameCount.set(k, (nameCount.get(k) ?? 0) + 1);
    }
  }
  return chips.map((c) => {
    if ((baseCount.get(c.base) ?? 0) <= 1) return c.base;
    if (c.humanName !== undefined && nameCount.get(`${c.base}\u0000${c.humanName}`) === 1) return `${c.base}_${c.humanName}`;
    return `${c.base}_${cleanMetricName(c.entry)}`;
  });
}

export interface HwmonSample {
  readonly name: string;
  readonly help: string;
  readonly kind: 'gauge' | 'counter';
  /** The value of the "sensor" label (the sensor key, or for freq inputs the cleaned label). */
  readonly sensor: string;
  readonly value: number;
}

/**
 * The samples one sensor yields, from its properties (property name -> file content with newlines
 * trimmed; "" is the file without a property, e.g. "pwm1"). Mirrors node_exporter's unit handling:
 * temperatures, voltages and currents are milli-units, power, energy and humidity micro-units, and
 * anything it does not know becomes node_hwmon_<type>_<property> as read. Unparseable values are skipped.
 * The node_hwmon_sensor_label sample is not included here.
 */
export function sensorSamples(sensor: string, props: ReadonlyMap<string, string>): HwmonSample[] {
  const type = explodeSensorFilename(sensor)?.type ?? '';
  const out: HwmonSample[] = [];
  const gauge = (name: string, help: string, value: number, sensorLabel: string = sensor): void => {
    out.push({ name, help, kind: 'gauge', sensor: sensorLabel, value });
  };

  if (type === 'beep_enable') {
    gauge('node_hwmon_beep_enabled', 'Hardware beep enabled', props.get('') === '1' ? 1 : 0);
    return out;
  }
  if (type === 'vrm' || type === 'update_interval') {
    const v = parseGoFloat(props.get('') ?? '');
    if (v === undefined) return out;
    if (type === 'vrm') gauge('node_hwmon_voltage_regulator_version', 'Hardware voltage regulator', v);
    else gauge('node_hwmon_update_interval_seconds', 'Hardware monitor update interval', v * 0.001);
    return out;
  }

  const prefix = `node_hwmon_${type}`;
  const elements = [...props.keys()].sort();
  for (const element of elements) {
    if (element === 'label') continue;
    const raw = props.get(element) ?? '';
    let name = prefix;
    if (element === 'input') {
      // "<type><n>" and "<type><n>_input" both exist: the latter keeps its suffix.
      if (props.has('')) name += '_input';
    } else if (element !== '') {
      name += `_${cleanMetricName(element)}`;
    }
    const v = parseGoFloat(raw);
    if (v === undefined) continue;

    if (element === 'fault' || element === 'alarm') {
      gauge(name, `Hardware sensor ${element} status (${type})`, v);
      continue;
    }
    if (element === 'beep') {
      gauge(`${name}_enabled`, 'Hardware monitor sensor has beeping enabled', v);
      continue;
    }
    if (type === 'in' || type === 'cpu') {
      gauge(`${name}_volts`, `Hardware monitor for voltage (${element})`, v * 0.001);
      continue;
    }
    if (type === 'temp' && element !== 'type') {
      gauge(`${name}_celsius`, `Hardware monitor for temperature (${element === '' ? 'input' : element})`, v * 0.001);
      continue;
    }
    if (type === 'curr') {
      gauge(`${name}_amps`, `Hardware monitor for current (${element})`, v * 0.001);
      continue;
    }
    if (type === 'energy') {
      out.push({ name: `${name}_joule_total`, help: `Hardware monitor for joules used so far (${element})`, kind: 'counter', sensor, value: v / 1000000 });
      continue;
    }
    if (type === 'power' && element === 'accuracy') {
      gauge(name, 'Hardware monitor power meter accuracy, as a ratio', v / 1000000);
      continue;
    }
    if (type === 'power' && (element === 'average_interval' || element === 'average_interval_min' || element === 'average_interval_max')) {
      gauge(`${name}_seconds`, `Hardware monitor power usage update interval (${element})`, v * 0.001);
      continue;
    }
    if (type === 'power') {
      gauge(`${name}_watt`, `Hardware monitor for power usage in watts (${element})`, v / 1000000);
      continue;
    }
    if (type === 'humidity') {
      gauge(name, `Hardware monitor for humidity, as a ratio (multiply with 100.0 to get the humidity as a percentage) (${element})`, v / 1000000);
      continue;
    }
    if (type === 'fan' && (element === 'input' || element === 'min' || element === 'max' || element === 'target')) {
      gauge(`${name}_rpm`, `Hardware monitor for fan revolutions per minute (${element})`, v);
      continue;
    }
    if (type === 'freq' && element === 'input') {
      // Only labelled frequencies (amdgpu's sclk/mclk) are exported, with the label as the sensor.
      const label = props.get('label');
      if (label !== undefined) gauge(`${name}_freq_mhz`, 'Hardware monitor for GPU frequency in MHz', v / 1000000, cleanMetricName(label));
      continue;
    }
    gauge(name, `Hardware monitor ${type} element ${element}`, v);
  }
  return out;
}
