// node_wifi_* (node_exporter's wifi collector), from the output of iw(8) rather than nl80211 netlink,
// which Node.js cannot speak without native code. Per scrape: `iw dev` once, then in parallel
// `iw dev <if> station dump` for every interface but monitors, and `iw dev <if> link` for client-mode
// ones (the BSS behind node_wifi_station_info). Every station in a dump is reported: on an access point,
// every associated client; on a client interface, its access point. Without iw, or without nl80211 in
// the kernel, the collector reports no data (success 0, one debug log line). <sysfs>/class/ieee80211 is
// looked at first: without it (no cfg80211) there is no data, and with no radio in it nothing to report,
// both without running iw, whose fork/exec is the whole cost of this collector.
import type { CollectorContext, CollectorDefinition, Family } from '../collector.ts';
import { CommandError, CommandLocator, findCommand, runCommand } from '../hostCommand.ts';
import { readHostFileSync } from '../hostFiles.ts';
import type { KernelFs } from '../kernel/kernelFs.ts';
import { NoDataError } from '../collector.ts';
import { parseIwDev } from '../iw/dev.ts';
import type { IwInterface } from '../iw/dev.ts';
import { parseIwLink } from '../iw/link.ts';
import type { IwLink } from '../iw/link.ts';
import { parseStationDump } from '../iw/stationDump.ts';
import type { IwStation } from '../iw/stationDump.ts';

const IW = 'collector.wifi.iw';
const TIMEOUT = 'collector.wifi.timeout';
const STATION_MAC = 'collector.wifi.station-mac';
const MAC_KEY_FILE = 'collector.wifi.station-mac-key-file';

const NEED_IW = 'node_wifi_* need iw (Debian: iw; OpenWrt: iw or iw-full)';
/** A station dump of a busy AP is ~1.5 KB per station. */
const MAX_OUTPUT = 4 * 1024 * 1024;
/** iw's "command failed: <strerror> (-errno)" for errors that mean "nothing to report here". */
const SKIPPABLE_ERRNOS = new Set([-19 /* ENODEV: gone */, -95 /* EOPNOTSUPP */, -100 /* ENETDOWN */, -22 /* EINVAL */, -67 /* ENOLINK */]);

type MacMode = 'raw' | 'hash' | 'drop';
const MAC_MODES: readonly MacMode[] = ['raw', 'hash', 'drop'];

/** A failed iw command: its exit status and what it printed on stderr. */
class IwError extends Error {
  constructor(
    message: string,
    readonly errno: number | undefined,
  ) {
    super(message);
  }
}

/** The first executable `iw` in $PATH, then in the usual sbin/bin directories; undefined if none. */
export function findIw(pathEnv: string | undefined): string | undefined {
  return findCommand('iw', pathEnv);
}

async function runIw(iw: string, args: readonly string[], deadline: number): Promise<string> {
  try {
    return await runCommand(iw, args, { deadline, timeoutFlag: TIMEOUT, maxOutput: MAX_OUTPUT });
  } catch (err) {
    if (!(err instanceof CommandError)) throw err;
    if (err.kind === 'unrunnable') throw new NoDataError(`${err.message}: ${NEED_IW}`);
    if (err.kind === 'failed' && /nl80211 not found/.test(err.stderr)) throw new NoDataError('nl80211 not found: no cfg80211 wireless support in this kernel');
    if (err.kind === 'failed') {
      const m = /\((-\d+)\)\s*$/.exec(err.stderr.trim().split('\n')[0] ?? '');
      throw new IwError(err.message, m ? Number(m[1]) : undefined);
    }
    throw err;
  }
}

/** Runs a per-interface command; undefined when iw says the interface has nothing to give (gone, down, unsupported). */
async function perInterface(ctx: CollectorContext, iw: string, args: readonly string[], deadline: number): Promise<string | undefined> {
  try {
    return await runIw(iw, args, deadline);
  } catch (err) {
    if (err instanceof IwError && err.errno !== undefined && SKIPPABLE_ERRNOS.has(err.errno)) {
      ctx.log.debug('wifi: skipping interface', { err: err.message });
      return undefined;
    }
    throw err;
  }
}

/**
 * How station (and BSS) MAC addresses appear in labels: as they are, as keyed hashes, or not at all.
 * key: the --collector.wifi.station-mac-key-file contents, or undefined for a random key per start.
 */
async function macLabeler(mode: MacMode, keyFromFile: Uint8Array | undefined): Promise<(mac: string) => string> {
  if (mode === 'raw') return (mac) => mac;
  if (mode === 'drop') return () => '';
  // node:crypto (~0.8 MiB resident) is loaded only for hashing, not by every exporter at start-up.
  const { createHmac, randomBytes } = process.getBuiltinModule?.('node:crypto') ?? (await import('node:crypto'));
  const key = keyFromFile ?? new Uint8Array(randomBytes(32));
  const cache = new Map<string, string>();
  return (mac) => {
    let h = cache.get(mac);
    if (h === undefined) {
      h = createHmac('sha256', key).update(mac).digest('hex').slice(0, 12);
      if (cache.size >= 4096) cache.clear();
      cache.set(mac, h);
    }
    return h;
  };
}

/** iw types whose `link` names a BSS, and the mode node_exporter gives it in node_wifi_station_info. */
const CLIENT_TYPES = new Set(['managed', 'IBSS', 'P2P-client']);
const linkMode = (link: IwLink): string => (link.status === 'ibss' ? 'ad-hoc' : 'client');

interface Probe {
  readonly ifi: IwInterface;
  readonly stations: readonly IwStation[] | undefined;
  readonly link: IwLink | undefined;
}

async function probe(ctx: CollectorContext, iw: string, ifi: IwInterface, deadline: number): Promise<Probe> {
  const [dump, link] = await Promise.all([
    ifi.type === 'monitor' ? undefined : perInterface(ctx, iw, ['dev', ifi.name, 'station', 'dump'], deadline),
    ifi.type !== undefined && CLIENT_TYPES.has(ifi.type) ? perInterface(ctx, iw, ['dev', ifi.name, 'link'], deadline) : undefined,
  ]);
  return { ifi, stations: dump === undefined ? undefined : parseStationDump(dump), link: link === undefined ? undefined : parseIwLink(link) };
}

/** A per-station family that leaves out the samples iw did not print. */
function stationFamily(f: Family): (value: number | undefined, device: string, mac: string) => void {
  return (value, device, mac) => {
    if (value !== undefined) f.set(value, device, mac);
  };
}

function emit(ctx: CollectorContext, probes: readonly Probe[], label: (mac: string) => string, perStation: boolean): void {
  const dev = ['device'];
  const freq = ctx.gauge('node_wifi_interface_frequency_hertz', 'The current frequency a WiFi interface is operating at, in hertz.', dev);
  const ifInfo = ctx.gauge('node_wifi_interface_info', 'WiFi interface type and SSID as iw reports them (type: AP, managed, monitor, mesh point, ...).', ['device', 'type', 'ssid']);
  const count = ctx.gauge('node_wifi_interface_stations', 'Number of stations in the station dump of a WiFi interface: associated clients of an access point, the access point of a client.', dev);
  const info = ctx.gauge('node_wifi_station_info', 'Labeled WiFi interface station information as provided by the operating system.', ['device', 'bssid', 'ssid', 'mode']);
  const sl = ['device', 'mac_address'];
  const g = (name: string, help: string) => stationFamily(ctx.gauge(name, help, sl));
  const c = (name: string, help: string) => stationFamily(ctx.counter(name, help, sl));
  const connected = c('node_wifi_station_connected_seconds_total', 'The total number of seconds a station has been connected to an access point.');
  const inactive = g('node_wifi_station_inactive_seconds', 'The number of seconds since any wireless activity has occurred on a station.');
  const rxRate = g('node_wifi_station_receive_bits_per_second', 'The current WiFi receive bitrate of a station, in bits per second.');
  const txRate = g('node_wifi_station_transmit_bits_per_second', 'The current WiFi transmit bitrate of a station, in bits per second.');
  const rxBytes = c('node_wifi_station_receive_bytes_total', 'The total number of bytes received by a WiFi station.');
  const txBytes = c('node_wifi_station_transmit_bytes_total', 'The total number of bytes transmitted by a WiFi station.');
  const rxPackets = c('node_wifi_station_received_packets_total', 'The total number of packets received by a station.');
  const txPackets = c('node_wifi_station_transmitted_packets_total', 'The total number of packets transmitted by a station.');
  const signal = g('node_wifi_station_signal_dbm', 'The current WiFi signal strength, in decibel-milliwatts (dBm).');
  const retries = c('node_wifi_station_transmit_retries_total', 'The total number of times a station has had to retry while sending a packet.');
  const failed = c('node_wifi_station_transmit_failed_total', 'The total number of times a station has failed to send a packet.');
  const beaconLoss = c('node_wifi_station_beacon_loss_total', 'The total number of times a station has detected a beacon loss.');

  for (const { ifi, stations, link } of probes) {
    const d = ifi.name;
    if (ifi.frequencyMhz !== undefined) freq.set(ifi.frequencyMhz * 1e6, d);
    ifInfo.set(1, d, ifi.type ?? '', ifi.ssid ?? '');
    if (link) info.set(1, d, label(link.bssid), link.ssid ?? '', linkMode(link));
    if (!stations) continue;
    const unique = new Map<string, IwStation>();
    for (const s of stations) {
      if (unique.has(s.mac)) ctx.log.debug('wifi: station listed twice, keeping the first', { device: d });
      else unique.set(s.mac, s);
    }
    count.set(unique.size, d);
    if (!perStation) continue;
    const seen = new Set<string>();
    for (const s of unique.values()) {
      const mac = label(s.mac);
      if (seen.has(mac)) continue; // two addresses with one hash: keep the series well-formed
      seen.add(mac);
      connected(s.connectedSeconds, d, mac);
      inactive(s.inactiveMs === undefined ? undefined : s.inactiveMs / 1000, d, mac);
      rxRate(s.rxBitsPerSecond, d, mac);
      txRate(s.txBitsPerSecond, d, mac);
      rxBytes(s.rxBytes, d, mac);
      txBytes(s.txBytes, d, mac);
      rxPackets(s.rxPackets, d, mac);
      txPackets(s.txPackets, d, mac);
      signal(s.signalDbm, d, mac);
      retries(s.txRetries, d, mac);
      failed(s.txFailed, d, mac);
      beaconLoss(s.beaconLoss, d, mac);
    }
  }
}

/** The wiphys cfg80211 lists; NoDataError when it is not loaded (no class directory at all). */
function radios(kfs: KernelFs, dir: string): string[] {
  try {
    return kfs.listSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new NoDataError(`${dir} does not exist: no cfg80211 wireless support in this kernel`);
    throw err;
  }
}

function readKey(path: string): Uint8Array {
  let key: Buffer;
  try {
    key = readHostFileSync(path);
  } catch (err) {
    throw new Error(`--${MAC_KEY_FILE}=${path}: ${(err as Error).message}`);
  }
  const text = key.toString('utf8').trim();
  if (text === '') throw new Error(`--${MAC_KEY_FILE}=${path}: the file is empty`);
  return new TextEncoder().encode(text);
}

export const wifi: CollectorDefinition = {
  name: 'wifi',
  defaultEnabled: false,
  help: 'Exposes WiFi interface and station statistics, from iw(8) (no data without it).',
  flags: [
    { name: IW, type: 'string', default: '', help: 'Path of the iw program (default: iw from $PATH, else /usr/sbin, /sbin, /usr/bin, /bin).' },
    { name: TIMEOUT, type: 'duration', default: '2s', help: 'Time allowed for all of one scrape\'s iw runs (a Go duration); they are killed after it.' },
    {
      name: STATION_MAC,
      type: 'string',
      default: 'raw',
      help: 'Station and BSS MAC addresses in labels: raw, hash (a keyed hash, stable while the key is), or drop (no per-station series; only counts).',
    },
    { name: MAC_KEY_FILE, type: 'string', default: '', help: 'With --collector.wifi.station-mac=hash: file holding the secret key (default: a random key per process start).' },
  ],
  create(env) {
    // A duration flag: parsed and validated by the CLI.
    const timeoutMs = (env.flags.duration(TIMEOUT) ?? 2) * 1000;
    if (!(timeoutMs > 0)) throw new Error(`invalid --${TIMEOUT} "${env.flags.string(TIMEOUT) ?? ''}": must be positive`);
    const mode = (env.flags.string(STATION_MAC) ?? 'raw') as MacMode;
    if (!MAC_MODES.includes(mode)) throw new Error(`invalid --${STATION_MAC} "${mode}": want one of ${MAC_MODES.join(', ')}`);
    const keyFile = env.flags.string(MAC_KEY_FILE) ?? '';
    // A bad key file is a configuration error, reported before the exporter starts.
    const keyFromFile = mode === 'hash' && keyFile !== '' ? readKey(keyFile) : undefined;
    let label: ((mac: string) => string) | undefined;
    const locator = new CommandLocator('iw', env.flags.string(IW) ?? '');

    return {
      async update(ctx) {
        if (radios(ctx.kernel, ctx.kernel.sys('class', 'ieee80211')).length === 0) return;
        const iw = locator.locate();
        if (iw === undefined) throw new NoDataError(`${locator.missing()}: ${NEED_IW}`);
        const deadline = performance.now() + timeoutMs;
        let ifaces: IwInterface[];
        try {
          ifaces = parseIwDev(await runIw(iw, ['dev'], deadline));
        } catch (err) {
          if (err instanceof NoDataError) locator.forget();
          throw err;
        }
        const probes = await Promise.all(ifaces.map((ifi) => probe(ctx, iw, ifi, deadline)));
        label ??= await macLabeler(mode, keyFromFile);
        emit(ctx, probes, label, mode !== 'drop');
      },
    };
  },
};
