// /proc/net/netstat and /proc/net/snmp: pairs of lines, a header naming the fields of a protocol and a
// line with their values, both starting with "<Protocol>:".
//   TcpExt: SyncookiesSent SyncookiesRecv ...
//   TcpExt: 0 0 ...
// /proc/net/snmp6: one "<Protocol6><Field> <value>" per line (Ip6InReceives 123, Icmp6InMsgs 4...).
import { parseGoFloat } from '../goparse.ts';

/** Protocol -> field -> value. */
export type NetStats = Map<string, Map<string, number>>;

/**
 * Parses netstat/snmp. Lines are taken two by two as node_exporter does; a pair whose header and value
 * lines disagree (other protocol, other field count) is skipped, and so is a value that is not a number.
 * Throws when the text is not empty but yields no protocol at all.
 */
export function parseNetStats(text: string): NetStats {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const stats: NetStats = new Map();
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const names = (lines[i] as string).split(' ');
    const values = (lines[i + 1] as string).split(' ');
    const head = names[0] as string;
    if (!head.endsWith(':') || head.length < 2 || values[0] !== head || names.length !== values.length) continue;
    const fields = new Map<string, number>();
    for (let j = 1; j < names.length; j++) {
      const v = parseGoFloat(values[j] as string);
      if (v !== undefined && names[j] !== '') fields.set(names[j] as string, v);
    }
    stats.set(head.slice(0, -1), fields);
  }
  if (stats.size === 0 && text.trim() !== '') throw new Error(`unexpected netstat content: ${JSON.stringify(text.slice(0, 80))}`);
  return stats;
}

/**
 * Parses snmp6: the protocol is the name up to and including its first "6" (Ip6, Icmp6, Udp6, UdpLite6),
 * the field the rest. Lines without a "6" in the name, or without a numeric value, are skipped.
 */
export function parseSnmp6(text: string): NetStats {
  const stats: NetStats = new Map();
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 2) continue;
    const name = fields[0] as string;
    const six = name.indexOf('6');
    if (six === -1) continue;
    const v = parseGoFloat(fields[1] as string);
    if (v === undefined) continue;
    const protocol = name.slice(0, six + 1);
    let proto = stats.get(protocol);
    if (!proto) {
      proto = new Map();
      stats.set(protocol, proto);
    }
    proto.set(name.slice(six + 1), v);
  }
  return stats;
}
