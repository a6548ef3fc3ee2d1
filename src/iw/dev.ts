// `iw dev`: the wireless interfaces, grouped by radio. Layout (iw 4.x to 6.x; one tab per level):
//
//   phy#1
//   	Interface phy1-ap0
//   		ifindex 12
//   		addr 94:83:c4:00:00:02
//   		ssid HomeNet
//   		type AP
//   		channel 36 (5180 MHz), width: 80 MHz, center1: 5210 MHz
//   		txpower 23.00 dBm
//   		multicast TXQ: ...                (deeper lines: ignored)
//   	Unnamed/non-netdev interface      (P2P device: no netdev, skipped as node_exporter skips it)
//
// Only the interface's own attributes (exactly two tabs deep) are read: the per-link channels of an MLD
// ("MLD with links:" then "\t\t - link ID ...", "\t\t   channel ...") are not the interface's.
import { unescapeIwSsid } from './escape.ts';

export interface IwInterface {
  readonly name: string;
  /** Radio index from the `phy#N` line, if one preceded the interface. */
  readonly phy: number | undefined;
  /** As iw prints it: "managed", "AP", "AP/VLAN", "monitor", "mesh point", "IBSS", "P2P-client", ... */
  readonly type: string | undefined;
  readonly ssid: string | undefined;
  readonly addr: string | undefined;
  /** Operating frequency (MHz) of the channel line; undefined when the interface is on no channel. */
  readonly frequencyMhz: number | undefined;
}

interface Draft {
  name: string;
  phy: number | undefined;
  type?: string;
  ssid?: string;
  addr?: string;
  frequencyMhz?: number;
}

const PHY = /^phy#(\d+)$/;
const IFACE = /^\tInterface (\S.*)$/;
const OTHER_WDEV = /^\t\S/;
const ATTR = /^\t\t(\S+)(?: (.*))?$/;
/** "36 (5180 MHz), width: 80 MHz, center1: 5210 MHz"; S1G channels have fractional MHz ("(902.5 MHz)"). */
const CHANNEL = /^\d+ \((\d+(?:\.\d+)?) MHz\)/;

function finish(d: Draft): IwInterface {
  return {
    name: d.name,
    phy: d.phy,
    type: d.type,
    ssid: d.ssid,
    addr: d.addr,
    frequencyMhz: d.frequencyMhz,
  };
}

function setAttr(d: Draft, key: string, value: string): void {
  switch (key) {
    case 'type':
      d.type = value;
      break;
    case 'ssid':
      d.ssid = unescapeIwSsid(value);
      break;
    case 'addr':
      if (value !== '') d.addr = value.toLowerCase();
      break;
    case 'channel': {
      const m = CHANNEL.exec(value);
      if (m) d.frequencyMhz = Number(m[1]);
      break;
    }
  }
}

/** Named interfaces of `iw dev` output, in order. Lines it does not know are ignored. */
export function parseIwDev(text: string): IwInterface[] {
  const out: IwInterface[] = [];
  let phy: number | undefined;
  let cur: Draft | undefined;
  const flush = (): void => {
    if (cur) out.push(finish(cur));
    cur = undefined;
  };
  for (const line of text.split('\n')) {
    const l = line.replace(/\r$/, '');
    const p = PHY.exec(l);
    if (p) {
      flush();
      phy = Number(p[1]);
      continue;
    }
    const i = IFACE.exec(l);
    if (i) {
      flush();
      cur = { name: (i[1] as string).trimEnd(), phy };
      continue;
    }
    if (OTHER_WDEV.test(l) || (l !== '' && !l.startsWith('\t'))) {
      // "Unnamed/non-netdev interface", or anything else at interface level or above: ends the interface.
      flush();
      continue;
    }
    const a = ATTR.exec(l);
    if (a && cur) setAttr(cur, a[1] as string, a[2] ?? '');
  }
  flush();
  return out;
}
