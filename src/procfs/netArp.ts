// /proc/net/arp: the IPv4 neighbour table, one entry a line under a header.
//   IP address       HW type     Flags       HW address            Mask     Device
//   192.168.1.100    0x1         0x2         3c:22:fb:12:34:56     *        br-lan
// Entries with state NUD_NOARP are not listed by the kernel. Read as prometheus/procfs's
// GatherARPEntries does: 9 fields is the header, 6 fields an entry.
export interface ArpEntry {
  readonly ip: string;
  readonly hwType: number;
  /** ATF_* flags: 0x2 complete, 0x4 permanent, 0x8 published. 0x0 is an incomplete (or failed) entry. */
  readonly flags: number;
  readonly hwAddr: string;
  readonly device: string;
}

const HEX = /^0x[0-9a-fA-F]+$/;
// What Go's net.ParseMAC accepts: 6, 8 or 20 octets, colon- or dash-separated pairs or dotted quads of hex.
const MAC = /^(?:[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){5}|[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){7}|[0-9a-fA-F]{2}(?:[:-][0-9a-fA-F]{2}){19}|[0-9a-fA-F]{4}(?:\.[0-9a-fA-F]{4}){2}|[0-9a-fA-F]{4}(?:\.[0-9a-fA-F]{4}){3}|[0-9a-fA-F]{4}(?:\.[0-9a-fA-F]{4}){9})$/;

/**
 * The entries of /proc/net/arp; the header, blank and malformed lines are skipped. Throws when the text
 * has neither the header nor any entry (not /proc/net/arp at all).
 */
export function parseNetArp(text: string): ArpEntry[] {
  const out: ArpEntry[] = [];
  let header = false;
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length === 9 && f[0] === 'IP') header = true;
    if (f.length !== 6) continue;
    const [ip, hwType, flags, hwAddr, , device] = f as [string, string, string, string, string, string];
    if (!HEX.test(hwType) || !HEX.test(flags) || !MAC.test(hwAddr)) continue;
    out.push({ ip, hwType: Number.parseInt(hwType.slice(2), 16), flags: Number.parseInt(flags.slice(2), 16), hwAddr, device });
  }
  if (!header && out.length === 0) throw new Error(`unexpected net/arp content: ${JSON.stringify(text.slice(0, 80))}`);
  return out;
}
