// /sys/class/net/<iface>/<attribute>: one value per file, as prometheus/procfs's sysfs.NetClassIface
// reads them. Integers are parsed like strconv.ParseInt(s, 0, 64) ("0x1303" -> 4867, "-1" -> -1); an
// attribute that is missing, unreadable (EINVAL for speed/duplex/carrier on a device that is down or has
// no ethtool link settings) or not a number is simply absent.
import { parseGoInt } from '../goparse.ts';

/** The attribute files node_exporter's netclass collector uses, by file name. */
export const NET_CLASS_INT_ATTRIBUTES = [
  'addr_assign_type',
  'carrier',
  'carrier_changes',
  'carrier_up_count',
  'carrier_down_count',
  'dev_id',
  'dormant',
  'flags',
  'ifindex',
  'iflink',
  'link_mode',
  'mtu',
  'name_assign_type',
  'netdev_group',
  'speed',
  'tx_queue_len',
  'type',
] as const;
export const NET_CLASS_STRING_ATTRIBUTES = ['address', 'broadcast', 'duplex', 'ifalias', 'operstate'] as const;
export const NET_CLASS_ATTRIBUTES: ReadonlySet<string> = new Set<string>([...NET_CLASS_INT_ATTRIBUTES, ...NET_CLASS_STRING_ATTRIBUTES]);

export type NetClassIntAttribute = (typeof NET_CLASS_INT_ATTRIBUTES)[number];
export type NetClassStringAttribute = (typeof NET_CLASS_STRING_ATTRIBUTES)[number];

export interface NetClassIface {
  readonly name: string;
  /** Integer attributes that were present and parsed. */
  readonly ints: ReadonlyMap<NetClassIntAttribute, number>;
  /** String attributes; a missing one reads as "" (Go's zero value). */
  readonly address: string;
  readonly broadcast: string;
  readonly duplex: string;
  readonly ifalias: string;
  readonly operstate: string;
}

/**
 * Builds the record of one interface from its attribute values (file name -> content with surrounding
 * whitespace already trimmed). Unknown attribute names are ignored.
 */
export function parseNetClassIface(name: string, attributes: ReadonlyMap<string, string>): NetClassIface {
  const ints = new Map<NetClassIntAttribute, number>();
  for (const attr of NET_CLASS_INT_ATTRIBUTES) {
    const raw = attributes.get(attr);
    if (raw === undefined) continue;
    const v = parseGoInt(raw);
    if (v !== undefined) ints.set(attr, v);
  }
  const str = (attr: NetClassStringAttribute): string => attributes.get(attr) ?? '';
  return {
    name,
    ints,
    address: str('address'),
    broadcast: str('broadcast'),
    duplex: str('duplex'),
    ifalias: str('ifalias'),
    operstate: str('operstate'),
  };
}

/** node_exporter's getAdminState: "up" when IFF_UP (0x1) is set in flags, "unknown" without flags. */
export function adminState(flags: number | undefined): 'up' | 'down' | 'unknown' {
  if (flags === undefined) return 'unknown';
  return (BigInt(flags) & 1n) === 1n ? 'up' : 'down';
}

/** node_exporter's speed_bytes: int64(speed * 1000 * 1000 / 8), integer arithmetic (Mbit/s -> bytes/s). */
export function speedBytes(speedMbps: number): number {
  return Number((BigInt(speedMbps) * 1_000_000n) / 8n);
}
