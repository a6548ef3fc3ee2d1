// `iw dev <if> station dump` (and `station get`): one block per station, fields one tab deep.
//
//   Station 3c:22:fb:00:00:01 (on phy1-ap0)
//   	inactive time:	1250 ms
//   	rx bytes:	12345678
//   	signal:  	-58 [-61, -62] dBm
//   	tx bitrate:	1200.9 MBit/s 80MHz HE-MCS 11 HE-NSS 2 HE-GI 0 HE-DCM 0
//   	beacon interval:100
//   	connected time:	3600 seconds
//   	Link 0:                          (iw 6.17+, MLO stations: per-link fields two tabs deep, ignored;
//   		rx bytes:	7838              the station's totals are the one-tab fields above them)
//
// Fields are "key:" then the value, usually after a tab but not always ("beacon interval:100"). A field
// the driver does not report is simply absent, and so is it from the record. Unknown lines are ignored.

export interface IwStation {
  /** Lower-case MAC address from the "Station" line. */
  readonly mac: string;
  readonly inactiveMs?: number;
  readonly rxBytes?: number;
  readonly txBytes?: number;
  readonly rxPackets?: number;
  readonly txPackets?: number;
  readonly txRetries?: number;
  readonly txFailed?: number;
  readonly beaconLoss?: number;
  /** dBm of the last received frame; with several chains, the combined value iw prints first. */
  readonly signalDbm?: number;
  /** Bit rate of the last frame sent to the station, in bit/s. */
  readonly txBitsPerSecond?: number;
  /** Bit rate of the last frame received from the station, in bit/s. */
  readonly rxBitsPerSecond?: number;
  readonly connectedSeconds?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const STATION = /^Station ([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}) \(on [^)]*\)\s*$/;
const FIELD = /^\t([^\t:][^:]*):\s*(.*?)\s*$/;
const UINT = /^\d+$/;
const LEADING_INT = /^(-?\d+)\b/;
const WITH_UNIT = (unit: string): RegExp => new RegExp(`^(\\d+) ${unit}$`);
const MS = WITH_UNIT('ms');
const SECONDS = WITH_UNIT('seconds');
/** iw prints rates in units of 100 kbit/s as "%d.%d MBit/s"; "(unknown)" when the rate is 0. */
const BITRATE = /^(\d+)(?:\.(\d))? MBit\/s(?: .*)?$/;

/**
 * Bit/s of an iw bitrate ("866.7 MBit/s VHT-MCS 9 80MHz short GI VHT-NSS 2", "1.0 MBit/s"): the MCS,
 * width and guard interval that follow do not change it. Undefined for "(unknown)" or anything else.
 */
export function parseBitrate(value: string): number | undefined {
  const m = BITRATE.exec(value.trim());
  if (!m) return undefined;
  const tenths = Number(m[1]) * 10 + Number(m[2] ?? '0');
  return tenths > 0 ? tenths * 100_000 : undefined;
}

function uint(value: string): number | undefined {
  return UINT.test(value) ? Number(value) : undefined;
}

function withUnit(re: RegExp, value: string): number | undefined {
  const m = re.exec(value);
  return m ? Number(m[1]) : undefined;
}

function dbm(value: string): number | undefined {
  if (!/dBm$/.test(value)) return undefined;
  const m = LEADING_INT.exec(value);
  return m ? Number(m[1]) : undefined;
}

function setField(s: Mutable<IwStation>, key: string, value: string): void {
  switch (key) {
    case 'inactive time':
      s.inactiveMs = withUnit(MS, value);
      break;
    case 'rx bytes':
      s.rxBytes = uint(value);
      break;
    case 'tx bytes':
      s.txBytes = uint(value);
      break;
    case 'rx packets':
      s.rxPackets = uint(value);
      break;
    case 'tx packets':
      s.txPackets = uint(value);
      break;
    case 'tx retries':
      s.txRetries = uint(value);
      break;
    case 'tx failed':
      s.txFailed = uint(value);
      break;
    case 'beacon loss':
      s.beaconLoss = uint(value);
      break;
    case 'signal':
      s.signalDbm = dbm(value);
      break;
    case 'tx bitrate':
      s.txBitsPerSecond = parseBitrate(value);
      break;
    case 'rx bitrate':
      s.rxBitsPerSecond = parseBitrate(value);
      break;
    case 'connected time':
      s.connectedSeconds = withUnit(SECONDS, value);
      break;
  }
}

/** Stations of a station dump, in order; a block whose "Station" line is malformed is skipped whole. */
export function parseStationDump(text: string): IwStation[] {
  const out: IwStation[] = [];
  let cur: Mutable<IwStation> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('Station ')) {
      const m = STATION.exec(line);
      cur = m ? { mac: (m[1] as string).toLowerCase() } : undefined;
      if (cur) out.push(cur);
      continue;
    }
    if (!cur) continue;
    const f = FIELD.exec(line);
    if (f) setField(cur, f[1] as string, f[2] as string);
  }
  // Absent and unparsable fields alike are left out of the records.
  return out.map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as unknown as IwStation);
}
