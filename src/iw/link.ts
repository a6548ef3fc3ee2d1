// `iw dev <if> link`: the BSS a client-mode (managed or IBSS) interface is on.
//
//   Connected to 00:11:22:33:44:55 (on wlp2s0)      or "Authenticated with ...", "Joined IBSS ...",
//   	SSID: HomeNet                                  or "Not connected."
//   	freq: 5180
//   	...
import { unescapeIwSsid } from './escape.ts';

export type LinkStatus = 'associated' | 'authenticated' | 'ibss';

export interface IwLink {
  readonly status: LinkStatus;
  /** Lower-case BSSID (for an MLO link, the AP MLD's address iw prints). */
  readonly bssid: string;
  readonly ssid: string | undefined;
  readonly frequencyMhz: number | undefined;
}

const MAC = '([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})';
const HEADS: readonly [RegExp, LinkStatus][] = [
  [new RegExp(`^Connected to ${MAC}\\b`), 'associated'],
  [new RegExp(`^Authenticated with ${MAC}\\b`), 'authenticated'],
  [new RegExp(`^Joined IBSS ${MAC}\\b`), 'ibss'],
];

/** The link, or undefined when iw says "Not connected." (or prints nothing it knows). */
export function parseIwLink(text: string): IwLink | undefined {
  let head: { status: LinkStatus; bssid: string } | undefined;
  let ssid: string | undefined;
  let frequencyMhz: number | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!head) {
      for (const [re, status] of HEADS) {
        const m = re.exec(line);
        if (m) head = { status, bssid: (m[1] as string).toLowerCase() };
      }
      continue;
    }
    if (line.startsWith('\tSSID: ')) ssid = unescapeIwSsid(line.slice('\tSSID: '.length));
    else if (/^\tfreq: \d+(\.\d+)?$/.test(line)) frequencyMhz = Number(line.slice('\tfreq: '.length));
  }
  return head ? { ...head, ssid, frequencyMhz } : undefined;
}
