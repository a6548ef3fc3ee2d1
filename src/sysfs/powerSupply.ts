// /sys/class/power_supply/<name>/: one attribute a file (the power_supply class ABI,
// Documentation/ABI/testing/sysfs-class-power). Read as prometheus/procfs's sysfs.PowerSupplyClass:
// every regular file of the directory, numbers as Go's strconv.ParseInt(s, 0, 64) takes them.
//   type "Battery"   status "Discharging"   capacity 81   energy_now 36580000 (µWh)   voltage_now 11660000 (µV)

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

/**
 * strconv.ParseInt(s, 0, 64) for what sysfs prints: optional sign, then decimal, 0x hex, 0o or leading-0
 * octal, 0b binary (Go's '_' digit separators are not accepted). undefined when it does not parse or
 * does not fit in an int64.
 */
export function parseGoInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2] as string;
  let v = body.length > 1 && body.startsWith('0') && /^0[0-7]+$/.test(body) ? BigInt(`0o${body.slice(1)}`) : BigInt(body);
  if (m[1] === '-') v = -v;
  if (v > 0x7fff_ffff_ffff_ffffn || v < -0x8000_0000_0000_0000n) return undefined;
  return Number(v);
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

/**
 * Go's strings.ToValidUTF8(s, "\uFFFD") on raw bytes: each run of bytes that are not valid UTF-8
 * becomes one U+FFFD; valid sequences (a real U+FFFD among them) are kept.
 */
export function toValidUtf8(bytes: Uint8Array): string {
  let out = '';
  let invalidRun = false;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let len = 0;
    let cp = 0;
    if (b < 0x80) {
      len = 1;
      cp = b;
    } else if (b >= 0xc2 && b <= 0xdf) {
      len = 2;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      cp = b & 0x07;
    }
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) {
      const c = bytes[i + k] as number;
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are invalid.
    if (ok && ((len === 3 && cp < 0x800) || (len === 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))) ok = false;
    if (!ok) {
      if (!invalidRun) out += '\uFFFD';
      invalidRun = true;
      i++;
      continue;
    }
    invalidRun = false;
    out += String.fromCodePoint(cp);
    i += len;
  }
  return out;
}
