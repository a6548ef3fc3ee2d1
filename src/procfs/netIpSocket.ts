// The socket tables /proc/net/{tcp,tcp6,udp,udp6}: a header, then one socket a line.
//   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
//    0: 00000000:0035 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4211 1 ...
// IPv6 tables have 32 hex digits per address. st is the TCP state (hex; 0x07 "close" for UDP), and
// tx_queue:rx_queue are bytes queued (hex). Read as prometheus/procfs's net_ip_socket.go reads them:
// at least 10 fields, the header skipped.
export interface SocketLine {
  readonly state: number;
  readonly txQueue: number;
  readonly rxQueue: number;
}

const SL = /^\d+:$/;
const ADDR = /^[0-9A-Fa-f]+:[0-9A-Fa-f]{4}$/;
const STATE = /^[0-9A-Fa-f]{1,2}$/;
const QUEUES = /^([0-9A-Fa-f]{1,16}):([0-9A-Fa-f]{1,16})$/;

/** One socket line, or undefined for the header, a blank line or anything malformed. */
export function parseSocketLine(line: string): SocketLine | undefined {
  const f = line.trim().split(/\s+/);
  if (f.length < 10) return undefined;
  const [sl, local, remote, st, queues] = f as [string, string, string, string, string];
  if (!SL.test(sl) || !ADDR.test(local) || !ADDR.test(remote) || !STATE.test(st)) return undefined;
  const q = QUEUES.exec(queues);
  if (!q) return undefined;
  return { state: Number.parseInt(st, 16), txQueue: Number.parseInt(q[1] as string, 16), rxQueue: Number.parseInt(q[2] as string, 16) };
}

export interface SocketSummary {
  readonly sockets: number;
  readonly txQueue: number;
  readonly rxQueue: number;
}

/** Sums the queues of a whole table (procfs's NetUDPSummary); malformed lines are skipped. */
export function summarizeSockets(text: string): SocketSummary {
  let sockets = 0;
  let txQueue = 0;
  let rxQueue = 0;
  let header = false;
  for (const line of text.split('\n')) {
    const s = parseSocketLine(line);
    if (s === undefined) {
      if (/^\s*sl\s/.test(line)) header = true;
      continue;
    }
    sockets++;
    txQueue += s.txQueue;
    rxQueue += s.rxQueue;
  }
  if (!header && sockets === 0) throw new Error(`unexpected socket table content: ${JSON.stringify(text.slice(0, 80))}`);
  return { sockets, txQueue, rxQueue };
}

/** TCP states as the kernel numbers them (include/net/tcp_states.h), named as node_exporter names them. */
export const TCP_STATE_NAMES: Readonly<Record<number, string>> = {
  1: 'established',
  2: 'syn_sent',
  3: 'syn_recv',
  4: 'fin_wait1',
  5: 'fin_wait2',
  6: 'time_wait',
  7: 'close',
  8: 'close_wait',
  9: 'last_ack',
  10: 'listen',
  11: 'closing',
};

/**
 * Counts TCP sockets by state and sums their queues, a line at a time (the tables of a busy router run
 * to megabytes, so they are streamed rather than read whole).
 */
export class TcpStateCounter {
  /** Sockets per kernel state number. */
  readonly states = new Map<number, number>();
  txQueued = 0;
  rxQueued = 0;
  sockets = 0;
  /** Whether a header line was seen (an empty table still has its header). */
  sawHeader = false;

  add(line: string): void {
    const s = parseSocketLine(line);
    if (s === undefined) {
      if (/^\s*sl\s/.test(line)) this.sawHeader = true;
      return;
    }
    this.sockets++;
    this.states.set(s.state, (this.states.get(s.state) ?? 0) + 1);
    this.txQueued += s.txQueue;
    this.rxQueued += s.rxQueue;
  }
}
