// /proc/net/ip_vs_stats and /proc/net/ip_vs (IPVS, the kernel's layer-4 load balancer), as
// prometheus/procfs reads them for node_exporter's ipvs collector.
//
// ip_vs_stats: two header lines, then the five totals in hex (conns, in/out packets, in/out bytes):
//      Total Incoming Outgoing         Incoming         Outgoing
//      Conns  Packets  Packets            Bytes            Bytes
//    16AA370 E33656E5        0     51D8C8883AB3                0
//
// ip_vs: a virtual service per line (IPv4 as hex "C0A80016:0CEA", IPv6 as "[2001:0db8:...:0001]:01BB",
// or a firewall mark), its real servers ("->") below it:
//    TCP  C0A80016:0CEA wlc
//      -> C0A85216:0CEA      Tunnel  100    248        2
//    FWM  10001000 wlc
//      -> [2001:0db8:0000:0000:0000:0000:0000:0002]:0CEA      Route   20     64         1
import { formatGoIP, parseIPv6Groups } from '../goip.ts';
import { parseGoHexUint64, parseGoUint64Base10 } from '../goparse.ts';
import { fields } from '../gostrings.ts';

export interface IpvsStats {
  readonly connections: number;
  readonly incomingPackets: number;
  readonly outgoingPackets: number;
  readonly incomingBytes: number;
  readonly outgoingBytes: number;
}

export interface IpvsBackend {
  /** The virtual address as Go prints it; "" for a firewall-mark service. */
  readonly localAddress: string;
  /** 0 for a firewall-mark service. */
  readonly localPort: number;
  /** The firewall mark as the file writes it (8 hex digits); "" for an address service. */
  readonly localMark: string;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** "TCP", "UDP", "SCTP" or "FWM". */
  readonly proto: string;
  readonly weight: number;
  readonly activeConn: number;
  readonly inactConn: number;
}

/** The totals of ip_vs_stats; undefined when the file is not in that layout (procfs: "ip_vs_stats corrupt"). */
export function parseIpvsStats(text: string): IpvsStats | undefined {
  // strings.SplitN(text, "\n", 4): the third line holds the totals, and a fourth part must follow it.
  const lines = text.split('\n');
  if (lines.length < 4) return undefined;
  const totals = fields(lines[2] as string);
  if (totals.length !== 5) return undefined;
  const v = totals.map(parseGoHexUint64);
  if (v.some((x) => x === undefined)) return undefined;
  const [connections, incomingPackets, outgoingPackets, incomingBytes, outgoingBytes] = v as number[];
  return { connections: connections!, incomingPackets: incomingPackets!, outgoingPackets: outgoingPackets!, incomingBytes: incomingBytes!, outgoingBytes: outgoingBytes! };
}

interface Endpoint {
  readonly address: string;
  readonly port: number;
}

/** procfs's parseIPPort: "C0A80016:0CEA" (13 characters) or "[<39-character IPv6>]:0CEA" (46). */
function parseEndpoint(s: string): Endpoint | undefined {
  let ip: Uint8Array | undefined;
  if (s.length === 13) {
    const hex = s.slice(0, 8);
    if (!/^[0-9a-fA-F]{8}$/.test(hex)) return undefined;
    ip = Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16)));
  } else if (s.length === 46) {
    ip = parseIPv6Groups(s.slice(1, 40));
  }
  if (ip === undefined) return undefined;
  const port = parseGoHexUint64(s.slice(-4));
  if (port === undefined) return undefined;
  return { address: formatGoIP(ip), port };
}

/** Protocols of address services (ipvsadm -t, -u, --sctp-service). */
const ADDRESS_PROTOCOLS: ReadonlySet<string> = new Set(['TCP', 'UDP', 'SCTP']);

interface Service {
  readonly proto: string;
  readonly localAddress: string;
  readonly localPort: number;
  readonly localMark: string;
}

/**
 * The real servers of every virtual service, in file order. A service line that cannot be read drops
 * its real servers (they would otherwise be counted under the service before it), as does a service of
 * a protocol other than TCP, UDP, SCTP or a firewall mark; a real-server line that cannot be read is
 * skipped (procfs fails the whole file on either).
 */
export function parseIpvsBackends(text: string): IpvsBackend[] {
  const out: IpvsBackend[] = [];
  let service: Service | undefined;
  for (const line of text.split('\n')) {
    const f = fields(line);
    const [first, second] = f;
    if (first === undefined) continue;
    if (first === 'IP' || first === 'Prot' || second === 'RemoteAddress:Port') continue;
    if (first === 'FWM') {
      service = second === undefined ? undefined : { proto: first, localAddress: '', localPort: 0, localMark: second };
    } else if (first === '->') {
      if (service === undefined || f.length < 6) continue;
      const remote = parseEndpoint(second as string);
      const [weight, activeConn, inactConn] = f.slice(3, 6).map(parseGoUint64Base10);
      if (remote === undefined || weight === undefined || activeConn === undefined || inactConn === undefined) continue;
      out.push({ ...service, remoteAddress: remote.address, remotePort: remote.port, weight, activeConn, inactConn });
    } else {
      const local = ADDRESS_PROTOCOLS.has(first) && second !== undefined ? parseEndpoint(second) : undefined;
      service = local === undefined ? undefined : { proto: first, localAddress: local.address, localPort: local.port, localMark: '' };
    }
  }
  return out;
}
