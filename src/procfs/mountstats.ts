// /proc/<pid>/mountstats: one "device" line per mount, and after an NFS mount's line (which ends in
// "statvers=1.1") a block of statistics up to the next blank line:
//   device 192.168.1.1:/srv/test mounted on /mnt/nfs/test with fstype nfs4 statvers=1.1
//   	opts:	rw,vers=4.0,...
//   	age:	13968
//   	events:	52 226 0 ... (27 counters)
//   	bytes:	1207640230 0 ... (8 counters)
//   	xprt:	tcp 832 0 1 0 11 6428 6428 0 12154 0 24 26 5726
//   	per-op statistics
//   	        READ: 1298 1298 0 207680 1210292152 6 79386 79407 [errors]
// Read as prometheus/procfs's parseMountStats (node_exporter 1.12.1): a device line with statistics must
// be nfs or nfs4, the statistics version 1.0 or 1.1, every counter a strconv.ParseUint(s, 10, 64);
// anything else fails the whole file. Lines of the block it does not know (caps:, sec:, nfsv4:...) are
// skipped. The counters node_exporter takes modulo 2^53 stay bigints.
import { parseGoDuration } from '../goduration.ts';
import { parseGoUint64Base10Exact } from '../goparse.ts';
import { fields, scanLines } from '../gostrings.ts';

export interface NfsBytes {
  readonly read: number;
  readonly write: number;
  readonly directRead: number;
  readonly directWrite: number;
  readonly readTotal: number;
  readonly writeTotal: number;
  readonly readPages: number;
  readonly writePages: number;
}

/** The events: line, in its order (CongestionWait, unused by the kernel, is the 19th). */
export const NFS_EVENTS = [
  'inodeRevalidate', 'dnodeRevalidate', 'dataInvalidate', 'attributeInvalidate', 'vfsOpen', 'vfsLookup',
  'vfsAccess', 'vfsUpdatePage', 'vfsReadPage', 'vfsReadPages', 'vfsWritePage', 'vfsWritePages', 'vfsGetdents',
  'vfsSetattr', 'vfsFlush', 'vfsFsync', 'vfsLock', 'vfsFileRelease', 'congestionWait', 'truncation',
  'writeExtension', 'sillyRename', 'shortRead', 'shortWrite', 'jukeboxDelay', 'pnfsRead', 'pnfsWrite',
] as const;

export type NfsEvents = Readonly<Record<(typeof NFS_EVENTS)[number], number>>;

export interface NfsOperation {
  readonly operation: string;
  readonly requests: number;
  readonly transmissions: number;
  readonly majorTimeouts: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly queueMilliseconds: bigint;
  readonly responseMilliseconds: bigint;
  readonly requestMilliseconds: bigint;
}

/** One xprt: line, with the fields udp lacks (connect, idle times) as 0, and rdma's own fields left out. */
export interface NfsTransport {
  readonly protocol: string;
  readonly port: number;
  readonly bind: number;
  readonly connect: number;
  readonly idleTimeSeconds: bigint;
  readonly sends: number;
  readonly receives: number;
  readonly badTransactionIds: number;
  readonly cumulativeBacklog: number;
  /** Statistics version 1.1 only (0 with 1.0, and for rdma). */
  readonly maximumRpcSlotsUsed: number;
  readonly cumulativeSendingQueue: number;
  readonly cumulativePendingQueue: number;
}

export interface NfsMountStats {
  readonly statVersion: string;
  /** Seconds (procfs parses "age:" with time.ParseDuration(value + "s")). */
  readonly ageSeconds: number;
  readonly bytes: NfsBytes;
  readonly events: NfsEvents;
  readonly operations: readonly NfsOperation[];
  readonly transports: readonly NfsTransport[];
}

export interface Mount {
  readonly device: string;
  readonly mountPoint: string;
  readonly fsType: string;
  /** Present when the device line carries statistics (NFS mounts only). */
  readonly nfs?: NfsMountStats;
}

function uint(s: string): bigint {
  const v = parseGoUint64Base10Exact(s);
  if (v === undefined) throw new Error(`invalid number ${JSON.stringify(s)} in mountstats`);
  return v;
}

const uints = (words: readonly string[]): number[] => words.map((w) => Number(uint(w)));

/** Transport line lengths (values after the protocol) per statistics version; rdma: at least 20 (1.1 only). */
const XPRT_LENGTH: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  '1.0': { tcp: 10, udp: 7 },
  '1.1': { tcp: 13, udp: 10 },
};
const RDMA_MIN = 20;
/** procfs stores at most this many rdma values (a longer line would panic there; here it fails the file). */
const RDMA_MAX = 31;

function parseTransport(words: readonly string[], statVersion: string): NfsTransport {
  const protocol = words[0] as string;
  const rest = words.slice(1);
  const lengths = XPRT_LENGTH[statVersion];
  if (lengths === undefined) throw new Error(`unrecognized NFS transport stats version ${JSON.stringify(statVersion)}`);
  if (protocol === 'rdma' && statVersion === '1.1') {
    if (rest.length < RDMA_MIN || rest.length > RDMA_MAX) throw new Error(`invalid NFS rdma transport stats: ${rest.length} values`);
  } else {
    const want = lengths[protocol];
    if (want === undefined) throw new Error(`invalid NFS protocol ${JSON.stringify(protocol)} in stats ${statVersion}`);
    if (rest.length !== want) throw new Error(`invalid NFS transport stats ${statVersion}: ${rest.length} values, want ${want}`);
  }
  let ns = rest.map(uint);
  // udp has no connect count, connect idle time or idle time: they are 0, the rest shifts by three.
  if (protocol === 'udp') ns = [...ns.slice(0, 2), 0n, 0n, 0n, ...ns.slice(2)];
  // rdma has no slot or queue figures: 0, its own counters follow (not used).
  if (protocol === 'rdma') ns = [...ns.slice(0, 10), 0n, 0n, 0n];
  const at = (i: number): bigint => ns[i] ?? 0n;
  return {
    protocol,
    port: Number(at(0)),
    bind: Number(at(1)),
    connect: Number(at(2)),
    idleTimeSeconds: at(4),
    sends: Number(at(5)),
    receives: Number(at(6)),
    badTransactionIds: Number(at(7)),
    cumulativeBacklog: Number(at(9)),
    maximumRpcSlotsUsed: Number(at(10)),
    cumulativeSendingQueue: Number(at(11)),
    cumulativePendingQueue: Number(at(12)),
  };
}

function parseBytes(words: readonly string[]): NfsBytes {
  if (words.length !== 8) throw new Error(`invalid NFS bytes stats: ${words.length} values`);
  const v = uints(words);
  return {
    read: v[0] as number,
    write: v[1] as number,
    directRead: v[2] as number,
    directWrite: v[3] as number,
    readTotal: v[4] as number,
    writeTotal: v[5] as number,
    readPages: v[6] as number,
    writePages: v[7] as number,
  };
}

function parseEvents(words: readonly string[]): NfsEvents {
  if (words.length !== NFS_EVENTS.length) throw new Error(`invalid NFS events stats: ${words.length} values`);
  const v = uints(words);
  const out = {} as Record<(typeof NFS_EVENTS)[number], number>;
  NFS_EVENTS.forEach((name, i) => {
    out[name] = v[i] as number;
  });
  return out;
}

function parseOperation(words: readonly string[]): NfsOperation {
  if (words.length < 9) throw new Error(`invalid NFS per-operation stats: ${words.length} fields`);
  const n = words.slice(1).map(uint);
  const name = words[0] as string;
  return {
    operation: name.endsWith(':') ? name.slice(0, -1) : name,
    requests: Number(n[0]),
    transmissions: Number(n[1]),
    majorTimeouts: Number(n[2]),
    bytesSent: Number(n[3]),
    bytesReceived: Number(n[4]),
    queueMilliseconds: n[5] as bigint,
    responseMilliseconds: n[6] as bigint,
    requestMilliseconds: n[7] as bigint,
  };
}

const ZERO_BYTES: NfsBytes = { read: 0, write: 0, directRead: 0, directWrite: 0, readTotal: 0, writeTotal: 0, readPages: 0, writePages: 0 };

/** The statistics block after a device line, from lines[start]; returns it and the index of the next unread line. */
function parseNfsBlock(lines: readonly string[], start: number, statVersion: string): { stats: NfsMountStats; next: number } {
  let i = start;
  let ageSeconds = 0;
  let bytes = ZERO_BYTES;
  let events = parseEvents(new Array<string>(NFS_EVENTS.length).fill('0'));
  const transports: NfsTransport[] = [];
  for (; i < lines.length; ) {
    const ss = fields(lines[i++] as string);
    if (ss.length === 0) break;
    const [key] = ss as [string];
    if (key === 'per-op') break;
    if ((key === 'opts:' || key === 'age:' || key === 'bytes:' || key === 'events:') && ss.length < 2) throw new Error(`incomplete NFS stats line ${JSON.stringify(key)}`);
    if (key === 'age:') {
      // time.ParseDuration(value + "s"): "13968" is 13968 s (and "1m30" would be 90 s, as in procfs).
      ageSeconds = ageFromDuration(ss[1] as string);
    } else if (key === 'bytes:') bytes = parseBytes(ss.slice(1));
    else if (key === 'events:') events = parseEvents(ss.slice(1));
    else if (key === 'xprt:') {
      if (ss.length < 3) throw new Error('incomplete NFS transport stats');
      transports.push(parseTransport(ss.slice(1), statVersion));
    }
  }
  // Per-operation statistics come last, up to the blank line before the next device.
  const operations: NfsOperation[] = [];
  for (; i < lines.length; ) {
    const ss = fields(lines[i++] as string);
    if (ss.length === 0) break;
    operations.push(parseOperation(ss));
  }
  return { stats: { statVersion, ageSeconds, bytes, events, operations, transports }, next: i };
}

/** Go's Duration is int64 nanoseconds: an age beyond it is an error there. */
const MAX_DURATION_SECONDS = 9223372036.854775807;

function ageFromDuration(value: string): number {
  const s = parseGoDuration(`${value}s`);
  if (Math.abs(s) > MAX_DURATION_SECONDS) throw new Error(`invalid duration ${JSON.stringify(value)}s`);
  return s;
}

const DEVICE_WORDS: ReadonlyArray<readonly [number, string]> = [
  [0, 'device'],
  [2, 'mounted'],
  [3, 'on'],
  [5, 'with'],
  [6, 'fstype'],
];

/** Parses a whole mountstats file; throws where procfs's parseMountStats returns an error. */
export function parseMountStats(text: string): Mount[] {
  const lines = scanLines(text);
  const mounts: Mount[] = [];
  for (let i = 0; i < lines.length; ) {
    const ss = fields(lines[i++] as string);
    if (ss[0] !== 'device') continue;
    if (ss.length < 8 || DEVICE_WORDS.some(([at, word]) => ss[at] !== word)) throw new Error(`invalid device line ${JSON.stringify(ss.join(' '))}`);
    const mount = { device: ss[1] as string, mountPoint: ss[4] as string, fsType: ss[7] as string };
    if (ss.length > 8) {
      if (mount.fsType !== 'nfs' && mount.fsType !== 'nfs4') throw new Error(`cannot parse mountstats for ${JSON.stringify(mount.fsType)}`);
      const statVersion = (ss[8] as string).startsWith('statvers=') ? (ss[8] as string).slice('statvers='.length) : (ss[8] as string);
      const { stats, next } = parseNfsBlock(lines, i, statVersion);
      i = next;
      mounts.push({ ...mount, nfs: stats });
    } else {
      mounts.push(mount);
    }
  }
  return mounts;
}
