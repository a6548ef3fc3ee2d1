// /proc/net/sockstat and /proc/net/sockstat6: one line per protocol, "<PROTO>: key value key value ...".
//   sockets: used 229
//   TCP: inuse 4 orphan 0 tw 4 alloc 17 mem 1
//   FRAG6: inuse 0 memory 0
// As in prometheus/procfs: "sockets: used" is the IPv4 total; inuse is always reported (0 if absent), the
// other keys only when the line has them. mem is in pages, memory in bytes.
import { parseGoInt } from '../goparse.ts';

export interface SockstatProtocol {
  readonly protocol: string;
  readonly inuse: number;
  readonly orphan?: number;
  readonly tw?: number;
  readonly alloc?: number;
  readonly mem?: number;
  readonly memory?: number;
}

export interface Sockstat {
  /** "sockets: used N" (sockstat only). */
  readonly used?: number;
  readonly protocols: readonly SockstatProtocol[];
}

const OPTIONAL = ['orphan', 'tw', 'alloc', 'mem', 'memory'] as const;

/** Key/value pairs of one line, or undefined when the line is malformed (odd count, non-integer value). */
function keyValues(fields: readonly string[]): Map<string, number> | undefined {
  if (fields.length % 2 !== 0) return undefined;
  const out = new Map<string, number>();
  for (let i = 0; i < fields.length; i += 2) {
    const v = parseGoInt(fields[i + 1] as string);
    if (v === undefined) return undefined;
    out.set(fields[i] as string, v);
  }
  return out;
}

/**
 * Parses one sockstat file. A malformed line (fewer than a protocol and one pair, an odd number of
 * fields, a value that is not an integer) is skipped. Throws when the text is not empty and no line is usable.
 */
export function parseSockstat(text: string): Sockstat {
  let used: number | undefined;
  const protocols: SockstatProtocol[] = [];
  let usable = false;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const fields = line.split(' ');
    if (fields.length < 3) continue;
    const kvs = keyValues(fields.slice(1));
    if (kvs === undefined) continue;
    usable = true;
    const head = fields[0] as string;
    const proto = head.endsWith(':') ? head.slice(0, -1) : head;
    if (proto === 'sockets') {
      used = kvs.get('used') ?? 0;
      continue;
    }
    const p: { -readonly [K in keyof SockstatProtocol]: SockstatProtocol[K] } = { protocol: proto, inuse: kvs.get('inuse') ?? 0 };
    for (const k of OPTIONAL) {
      const v = kvs.get(k);
      if (v !== undefined) p[k] = v;
    }
    protocols.push(p);
  }
  if (!usable && text.trim() !== '') throw new Error(`unexpected sockstat content: ${JSON.stringify(text.slice(0, 80))}`);
  return used === undefined ? { protocols } : { used, protocols };
}
