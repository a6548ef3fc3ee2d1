// /proc/net/rpc/nfs (the NFS client's RPC statistics) and /proc/net/rpc/nfsd (the NFS server's), as
// prometheus/procfs's nfs package reads them for node_exporter 1.12.1. One line per group, a key and
// decimal counters:
//   net 70 70 69 45                 packets: all, udp, tcp; tcp connections
//   rpc 1218785755 374636 1218815394
//   proc3 22 0 1061909262 ...       a procedure group: the count of values, then one value per procedure
// The server file adds rc, fh, io, th, ra, proc4ops and wdeleg_getattr. procfs's rules, kept here: every
// value is a strconv.ParseUint(s, 10, 64); a line with fewer than two fields, an unknown key, a value
// that is not a number or a group of the wrong length fails the whole file; a missing line leaves its
// values 0; of a repeated line the last counts.
import { parseGoUint64Base10Exact } from '../goparse.ts';
import { fields, scanLines } from '../gostrings.ts';

/** NFSv2 procedures in the order of the proc2 line (procfs's V2Stats field names). */
export const NFS_V2_PROCEDURES = [
  'Null', 'GetAttr', 'SetAttr', 'Root', 'Lookup', 'ReadLink', 'Read', 'WrCache', 'Write',
  'Create', 'Remove', 'Rename', 'Link', 'SymLink', 'MkDir', 'RmDir', 'ReadDir', 'FsStat',
] as const;

/** NFSv3 procedures in the order of the proc3 line (procfs's V3Stats field names). */
export const NFS_V3_PROCEDURES = [
  'Null', 'GetAttr', 'SetAttr', 'Lookup', 'Access', 'ReadLink', 'Read', 'Write', 'Create', 'MkDir', 'SymLink',
  'MkNod', 'Remove', 'RmDir', 'Rename', 'Link', 'ReadDir', 'ReadDirPlus', 'FsStat', 'FsInfo', 'PathConf', 'Commit',
] as const;

/** The client's NFSv4 operations in the order of its proc4 line (procfs's ClientV4Stats field names). */
export const NFS_CLIENT_V4_OPERATIONS = [
  'Null', 'Read', 'Write', 'Commit', 'Open', 'OpenConfirm', 'OpenNoattr', 'OpenDowngrade', 'Close', 'Setattr',
  'FsInfo', 'Renew', 'SetClientID', 'SetClientIDConfirm', 'Lock', 'Lockt', 'Locku', 'Access', 'Getattr', 'Lookup',
  'LookupRoot', 'Remove', 'Rename', 'Link', 'Symlink', 'Create', 'Pathconf', 'StatFs', 'ReadLink', 'ReadDir',
  'ServerCaps', 'DelegReturn', 'GetACL', 'SetACL', 'FsLocations', 'ReleaseLockowner', 'Secinfo', 'FsidPresent',
  'ExchangeID', 'CreateSession', 'DestroySession', 'Sequence', 'GetLeaseTime', 'ReclaimComplete', 'GetDeviceInfo',
  'LayoutGet', 'LayoutCommit', 'LayoutReturn', 'SecinfoNoName', 'TestStateID', 'FreeStateID', 'GetDeviceList',
  'BindConnToSession', 'DestroyClientID', 'Seek', 'Allocate', 'DeAllocate', 'LayoutStats', 'Clone',
] as const;

/** The server's NFSv4 operations in the order of its proc4ops line (procfs's V4Ops; the 40th is optional). */
export const NFSD_V4_OPERATIONS = [
  'Op0Unused', 'Op1Unused', 'Op2Future', 'Access', 'Close', 'Commit', 'Create', 'DelegPurge', 'DelegReturn',
  'GetAttr', 'GetFH', 'Link', 'Lock', 'Lockt', 'Locku', 'Lookup', 'LookupRoot', 'Nverify', 'Open', 'OpenAttr',
  'OpenConfirm', 'OpenDgrd', 'PutFH', 'PutPubFH', 'PutRootFH', 'Read', 'ReadDir', 'ReadLink', 'Remove', 'Rename',
  'Renew', 'RestoreFH', 'SaveFH', 'SecInfo', 'SetAttr', 'SetClientID', 'SetClientIDConfirm', 'Verify', 'Write',
  'RelLockOwner',
] as const;

export type Counts<K extends string> = Readonly<Record<K, number>>;

export interface RpcNetwork {
  readonly netCount: number;
  readonly udpCount: number;
  readonly tcpCount: number;
  readonly tcpConnect: number;
}

export interface NfsClientStats {
  readonly network: RpcNetwork;
  readonly rpc: { readonly rpcCount: number; readonly retransmissions: number; readonly authRefreshes: number };
  readonly v2: Counts<(typeof NFS_V2_PROCEDURES)[number]>;
  readonly v3: Counts<(typeof NFS_V3_PROCEDURES)[number]>;
  readonly v4: Counts<(typeof NFS_CLIENT_V4_OPERATIONS)[number]>;
}

export interface NfsServerStats {
  readonly replyCache: { readonly hits: number; readonly misses: number; readonly noCache: number };
  readonly fileHandles: { readonly stale: number };
  readonly io: { readonly read: number; readonly write: number };
  readonly threads: number;
  readonly readAhead: { readonly cacheSize: number; readonly notFound: number };
  readonly network: RpcNetwork;
  readonly rpc: { readonly rpcCount: number; readonly badFmt: number; readonly badAuth: number; readonly badcInt: number };
  readonly v2: Counts<(typeof NFS_V2_PROCEDURES)[number]>;
  readonly v3: Counts<(typeof NFS_V3_PROCEDURES)[number]>;
  readonly v4ops: Counts<(typeof NFSD_V4_OPERATIONS)[number]>;
  readonly wdelegGetattr: number;
}

/** Values of a line, as float64s of their uint64s; throws on the first that is not one. */
function uints(words: readonly string[], line: string): number[] {
  return words.map((w) => {
    const v = parseGoUint64Base10Exact(w);
    if (v === undefined) throw new Error(`invalid number ${JSON.stringify(w)} in line ${JSON.stringify(line)}`);
    return Number(v);
  });
}

/** How one line is read: its values checked (throwing, as procfs does) and kept. */
interface LineRule {
  /** How many values a missing line stands for (all 0). */
  readonly size: number;
  /** Only the first this many values are read (the th line's histogram is not). */
  readonly take?: number;
  readonly check: (v: number[]) => number[];
}

/** A line of exactly n values. */
const fixed = (n: number, what: string, take?: number): LineRule => ({
  size: n,
  take,
  check: (v) => {
    if (v.length !== n) throw new Error(`invalid ${what} line: ${v.length} values, want ${n}`);
    return v;
  },
});

/** A procedure group: v[0] is the count of the values after it, which must match (and be within min..max). */
const procedures = (names: readonly string[], min: number, what: string, max = Infinity): LineRule => ({
  size: names.length,
  check: (v) => {
    const count = v[0] as number;
    if (v.length - 1 !== count || count < min || count > max) throw new Error(`invalid ${what} line: count ${count}, ${v.length - 1} values`);
    return v.slice(1);
  },
});

/**
 * The values of each known line (zeros for a missing one, the last of a repeated one); throws on a line
 * with fewer than two fields, an unknown key, a value that is not a uint64 or a line its rule refuses.
 */
function parseLines<K extends string>(text: string, rules: Readonly<Record<K, LineRule>>, what: string): Record<K, number[]> {
  const out = {} as Record<K, number[]>;
  for (const key of Object.keys(rules) as K[]) out[key] = new Array<number>(rules[key].size).fill(0);
  for (const line of scanLines(text)) {
    const words = fields(line);
    if (words.length < 2) throw new Error(`invalid ${what} metric line ${JSON.stringify(line)}`);
    const key = words[0] as string;
    if (!Object.hasOwn(rules, key)) throw new Error(`unknown ${what} metric line ${JSON.stringify(key)}`);
    const rule = rules[key as K];
    out[key as K] = rule.check(uints(words.slice(1, rule.take === undefined ? undefined : rule.take + 1), line));
  }
  return out;
}

function named<K extends string>(names: readonly K[], values: readonly number[]): Counts<K> {
  const out = {} as Record<K, number>;
  names.forEach((n, i) => {
    out[n] = values[i] ?? 0;
  });
  return out;
}

function network(v: readonly number[]): RpcNetwork {
  return { netCount: v[0] as number, udpCount: v[1] as number, tcpCount: v[2] as number, tcpConnect: v[3] as number };
}

const CLIENT_LINES = {
  net: fixed(4, 'net'),
  rpc: fixed(3, 'rpc'),
  proc2: procedures(NFS_V2_PROCEDURES, 18, 'proc2'),
  proc3: procedures(NFS_V3_PROCEDURES, 22, 'proc3'),
  // Older kernels count fewer operations: the missing ones are 0.
  proc4: procedures(NFS_CLIENT_V4_OPERATIONS, 0, 'proc4'),
};

const SERVER_LINES = {
  rc: fixed(3, 'rc'),
  fh: fixed(5, 'fh'),
  io: fixed(2, 'io'),
  // Threads and fullcnt; the histogram after them (floats, zeros in newer kernels) is not read.
  th: fixed(2, 'th', 2),
  ra: fixed(12, 'ra'),
  net: fixed(4, 'net'),
  rpc: fixed(5, 'rpc'),
  proc2: procedures(NFS_V2_PROCEDURES, 18, 'proc2'),
  proc3: procedures(NFS_V3_PROCEDURES, 22, 'proc3'),
  // Null and Compound: checked as procfs does, not exported by node_exporter.
  proc4: procedures(['Null', 'Compound'], 2, 'proc4', 2),
  // 39 operations before Linux 2.6, 40 since (RelLockOwner); later ones are not read.
  proc4ops: procedures(NFSD_V4_OPERATIONS, 39, 'proc4ops'),
  wdeleg_getattr: { size: 1, check: (v: number[]) => v },
};

/** Parses /proc/net/rpc/nfs; throws where procfs's ParseClientRPCStats returns an error. */
export function parseNfsClientStats(text: string): NfsClientStats {
  const l = parseLines(text, CLIENT_LINES, 'NFS');
  return {
    network: network(l.net),
    rpc: { rpcCount: l.rpc[0] as number, retransmissions: l.rpc[1] as number, authRefreshes: l.rpc[2] as number },
    v2: named(NFS_V2_PROCEDURES, l.proc2),
    v3: named(NFS_V3_PROCEDURES, l.proc3),
    v4: named(NFS_CLIENT_V4_OPERATIONS, l.proc4),
  };
}

/** Parses /proc/net/rpc/nfsd; throws where procfs's ParseServerRPCStats returns an error. */
export function parseNfsServerStats(text: string): NfsServerStats {
  const l = parseLines(text, SERVER_LINES, 'NFSd');
  return {
    replyCache: { hits: l.rc[0] as number, misses: l.rc[1] as number, noCache: l.rc[2] as number },
    fileHandles: { stale: l.fh[0] as number },
    io: { read: l.io[0] as number, write: l.io[1] as number },
    threads: l.th[0] as number,
    readAhead: { cacheSize: l.ra[0] as number, notFound: l.ra[11] as number },
    network: network(l.net),
    rpc: { rpcCount: l.rpc[0] as number, badFmt: l.rpc[2] as number, badAuth: l.rpc[3] as number, badcInt: l.rpc[4] as number },
    v2: named(NFS_V2_PROCEDURES, l.proc2),
    v3: named(NFS_V3_PROCEDURES, l.proc3),
    v4ops: named(NFSD_V4_OPERATIONS, l.proc4ops),
    wdelegGetattr: l.wdeleg_getattr[0] as number,
  };
}
