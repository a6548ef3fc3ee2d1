// /proc/net/dev: two header lines, then one line per interface:
//   "  eth0: 1234 56 0 0 0 0 0 0 7890 12 0 0 0 0 0 0"
// Eight receive counters, then eight transmit counters. Kernels before 3.x printed "%6s:%8llu", so a
// large first counter can touch the colon ("eth0:123456789 ..."); names may hold dots and dashes
// ("eth0.2", "br-lan.10", "pppoe-wan") but never a colon or whitespace.
export interface NetDevStats {
  readonly name: string;
  readonly rxBytes: number;
  readonly rxPackets: number;
  readonly rxErrors: number;
  /** rx_dropped + rx_missed_errors, as the kernel sums them. */
  readonly rxDropped: number;
  readonly rxFifo: number;
  readonly rxFrame: number;
  readonly rxCompressed: number;
  readonly rxMulticast: number;
  readonly txBytes: number;
  readonly txPackets: number;
  readonly txErrors: number;
  readonly txDropped: number;
  readonly txFifo: number;
  readonly txCollisions: number;
  readonly txCarrier: number;
  readonly txCompressed: number;
}

const COUNTER = /^\d+$/;
const NAME = /^\S+$/;

/**
 * Parses /proc/net/dev. Counters are unsigned 64-bit; values above 2^53 become the nearest double.
 * Header lines and malformed lines are skipped; throws if the file has neither a header nor any interface.
 */
export function parseNetDev(text: string): NetDevStats[] {
  const byName = new Map<string, NetDevStats>();
  let header = false;
  for (const line of text.split('\n')) {
    if (line.includes('|')) {
      header = true;
      continue;
    }
    const colon = line.lastIndexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    if (!NAME.test(name)) continue;
    const f = line.slice(colon + 1).trim().split(/\s+/);
    if (f.length < 16) continue;
    const v = f.slice(0, 16);
    if (!v.every((x) => COUNTER.test(x))) continue;
    const n = v.map(Number);
    byName.set(name, {
      name,
      rxBytes: n[0] as number,
      rxPackets: n[1] as number,
      rxErrors: n[2] as number,
      rxDropped: n[3] as number,
      rxFifo: n[4] as number,
      rxFrame: n[5] as number,
      rxCompressed: n[6] as number,
      rxMulticast: n[7] as number,
      txBytes: n[8] as number,
      txPackets: n[9] as number,
      txErrors: n[10] as number,
      txDropped: n[11] as number,
      txFifo: n[12] as number,
      txCollisions: n[13] as number,
      txCarrier: n[14] as number,
      txCompressed: n[15] as number,
    });
  }
  if (!header && byName.size === 0) throw new Error(`unexpected net/dev content: ${JSON.stringify(text.slice(0, 80))}`);
  return [...byName.values()];
}
