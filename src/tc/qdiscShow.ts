// `tc -s -j qdisc show` (iproute2 4.13 and later): every qdisc of every interface as a JSON array, one
// object each, with the statistics of TCA_STATS2 at the object's top level:
//   [{"kind":"cake","handle":"8001:","dev":"pppoe-wan","root":true,"refcnt":2,"options":{...},
//     "bytes":123,"packets":4,"drops":0,"overlimits":0,"requeues":0,"backlog":0,"qlen":0,
//     "memory_used":..., "tins":[{..., "drops": 3}]}, ...]
// A root qdisc has "root": true; the others name their "parent" ("1:", "ffff:fff1" for ingress and
// clsact). The kind's own statistics (cake's tins, fq_codel's maxpacket...) follow at the top level
// and are not read.
//
// tc writes one thing into its JSON that is not JSON: for a qdisc kind it was built without (tc-tiny
// on OpenWrt), the options become the text "[Unknown qdisc, optlen=N] ". That text is dropped before
// parsing.

export interface TcQdisc {
  readonly kind: string;
  readonly dev: string;
  /** "8001:" */
  readonly handle: string | undefined;
  /** undefined for a root qdisc; else as tc prints it ("1:1", "ffff:fff1"). */
  readonly parent: string | undefined;
  readonly bytes: number | undefined;
  readonly packets: number | undefined;
  readonly drops: number | undefined;
  readonly overlimits: number | undefined;
  readonly requeues: number | undefined;
  /** Bytes queued. */
  readonly backlog: number | undefined;
  /** Packets queued. */
  readonly qlen: number | undefined;
}

/** tc's output was not the JSON array it prints. */
export class TcOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TcOutputError';
  }
}

const UNKNOWN_QDISC = /\[Unknown qdisc, optlen=\d+\] /g;

function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * The qdiscs tc printed, in its order. An element without a string kind and dev is skipped, and a
 * statistic that is not a non-negative integer is undefined; output that is not a JSON array throws
 * TcOutputError.
 */
export function parseTcQdiscs(output: string): TcQdisc[] {
  let doc: unknown;
  try {
    doc = JSON.parse(output.replace(UNKNOWN_QDISC, ''));
  } catch {
    // Not JSON.parse's own message: it says where the text broke off, not what tc printed.
    throw new TcOutputError(`tc printed something that is not a JSON array of qdiscs: ${JSON.stringify(output.slice(0, 60))}${output.length > 60 ? '...' : ''}`);
  }
  if (!Array.isArray(doc)) throw new TcOutputError('tc printed JSON that is not an array of qdiscs');
  const out: TcQdisc[] = [];
  for (const q of doc as unknown[]) {
    if (typeof q !== 'object' || q === null || Array.isArray(q)) continue;
    const o = q as Record<string, unknown>;
    const kind = text(o.kind);
    const dev = text(o.dev);
    if (kind === undefined || dev === undefined) continue;
    out.push({
      kind,
      dev,
      handle: text(o.handle),
      parent: o.root === true ? undefined : text(o.parent),
      bytes: count(o.bytes),
      packets: count(o.packets),
      drops: count(o.drops),
      overlimits: count(o.overlimits),
      requeues: count(o.requeues),
      backlog: count(o.backlog),
      qlen: count(o.qlen),
    });
  }
  return out;
}
