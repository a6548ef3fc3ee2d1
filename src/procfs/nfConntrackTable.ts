// /proc/net/nf_conntrack (CONFIG_NF_CONNTRACK_PROCFS): one line per tracked connection,
//   ipv4     2 tcp      6 431999 ESTABLISHED src=192.168.1.20 dst=93.184.216.34 sport=51234 dport=443
//     src=93.184.216.34 dst=203.0.113.7 sport=443 dport=51234 [ASSURED] mark=0 zone=0 use=2
// (one line in the file): layer 3 name and number, layer 4 name and number, seconds left, a state word
// for TCP/SCTP/DCCP, then the original-direction tuple, flags such as [UNREPLIED], the reply-direction
// tuple, and optional packets=/bytes= (accounting), mark=, secctx=, zone=, use=.
// The reply tuple shows translations: if its destination is not the original source, the source was
// rewritten (SNAT/masquerade); if its source is not the original destination, the destination was
// (DNAT/port forward).

export interface ConntrackEntry {
  /** "ipv4", "ipv6". */
  readonly family: string;
  /** "tcp", "udp", "icmp", "icmpv6", "gre", "unknown"... */
  readonly protocol: string;
  /** TCP/SCTP/DCCP state ("ESTABLISHED", "TIME_WAIT"...), "" for stateless protocols. */
  readonly state: string;
  readonly snat: boolean;
  readonly dnat: boolean;
}

const NAME = /^[a-z][a-z0-9]*$/;
const NUMBER = /^\d+$/;
const STATE = /^[A-Z][A-Z0-9_]*$/;

interface Tuple {
  src?: string;
  dst?: string;
  sport?: string;
  dport?: string;
}

/** Parses one line, or returns undefined when it does not have the shape above. */
export function parseConntrackLine(line: string): ConntrackEntry | undefined {
  const t = line.trim().split(/\s+/);
  const [family, l3num, protocol, l4num, timeout] = t;
  if (family === undefined || l3num === undefined || protocol === undefined || l4num === undefined || timeout === undefined) return undefined;
  if (!NAME.test(family) || !NAME.test(protocol) || !NUMBER.test(l3num) || !NUMBER.test(l4num) || !NUMBER.test(timeout)) return undefined;
  let i = 5;
  let state = '';
  if (t[i] !== undefined && STATE.test(t[i] as string)) {
    state = t[i] as string;
    i++;
  }
  const tuples: Tuple[] = [];
  for (; i < t.length; i++) {
    const tok = t[i] as string;
    const eq = tok.indexOf('=');
    if (eq <= 0) continue;
    const key = tok.slice(0, eq);
    const value = tok.slice(eq + 1);
    if (key === 'src') tuples.push({ src: value });
    const cur = tuples[tuples.length - 1];
    if (!cur || tuples.length > 2) continue;
    if (key === 'dst') cur.dst = value;
    else if (key === 'sport') cur.sport = value;
    else if (key === 'dport') cur.dport = value;
  }
  const [orig, reply] = tuples;
  if (!orig || !reply || orig.dst === undefined || reply.dst === undefined) return undefined;
  const snat = reply.dst !== orig.src || (reply.dport !== undefined && reply.dport !== orig.sport);
  const dnat = reply.src !== orig.dst || (reply.sport !== undefined && reply.sport !== orig.dport);
  return { family, protocol, state, snat, dnat };
}
