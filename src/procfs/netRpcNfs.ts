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
import { parseGoUint64Base10 } from '../goparse.ts';
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
    const v = parseGoUint64Base10(w);
    if (v === undefined) throw new Error(`invalid number ${JSON.stringify(w)} in line ${JSON.stringify(line)}`);
    return Number(v);
  });
}

function exactly(v: readonly number[], n: number, what: string): void {
  if (v.length !== n) throw new Error(`invalid ${what} line: ${v.length} values, want ${n}`);
}

function named<K extends string>(names: readonly K[], values: readonly number[]): Counts<K> {
  const out = {} as Record<K, number>;
  names.forEach((n, i) => {
    out[n] = values[i] ?? 0;
  });
  return out;
}

/** A procedure group: v[0] is the count of the values after it, which must match (and be at least min). */
function group(v: readonly number[], min: number, what: string): number[] {
  const count = v[0] as number;
  if (v.length - 1 !== count || count < min) throw new Error(`invalid ${what} line: count ${count}, ${v.length - 1} values`);
  return v.slice(1);
}

function network(v: readonly number[]): RpcNetwork {
  exactly(v, 4, 'net');
  return { netCount: v[0] as number, udpCount: v[1] as number, tcpCount: v[2] as number, tcpConnect: v[3] as number };
}

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

/** Each line's key and words; throws on a line with fewer than two fields. */
function* keyedLines(text: string): Generator<{ key: string; words: string[]; line: string }> {
  for (const line of scanLines(text)) {
    const words = fields(line);
    if (words.length < 2) throw new Error(`invalid NFS metric line ${JSON.stringify(line)}`);
    yield { key: words[0] as string, words: words.slice(1), line };
  }
}

/** Parses /proc/net/rpc/nfs; throws where procfs's ParseClientRPCStats returns an error. */
export function parseNfsClientStats(text: string): NfsClientStats {
  let net = network(zeros(4));
  let rpc = zeros(3);
  let v2 = zeros(NFS_V2_PROCEDURES.length);
  let v3 = zeros(NFS_V3_PROCEDURES.length);
  let v4 = zeros(NFS_CLIENT_V4_OPERATIONS.length);
  for (const { key, words, line } of keyedLines(text)) {
    const v = uints(words, line);
    switch (key) {
      case 'net':
        net = network(v);
        break;
      case 'rpc':
        exactly(v, 3, 'rpc');
        rpc = v;
        break;
      case 'proc2':
        v2 = group(v, 18, 'proc2');
        break;
      case 'proc3':
        v3 = group(v, 22, 'proc3');
        break;
      case 'proc4':
        // Older kernels count fewer operations: the missing ones are 0.
        v4 = group(v, 0, 'proc4');
        break;
      default:
        throw new Error(`unknown NFS metric line ${JSON.stringify(key)}`);
    }
  }
  return {
    network: net,
    rpc: { rpcCount: rpc[0] as number, retransmissions: rpc[1] as number, authRefreshes: rpc[2] as number },
    v2: named(NFS_V2_PROCEDURES, v2),
    v3: named(NFS_V3_PROCEDURES, v3),
    v4: named(NFS_CLIENT_V4_OPERATIONS, v4),
  };
}

/** Parses /proc/net/rpc/nfsd; throws where procfs's ParseServerRPCStats returns an error. */
export function parseNfsServerStats(text: string): NfsServerStats {
  let rc = zeros(3);
  let fh = zeros(5);
  let io = zeros(2);
  let th = zeros(2);
  let ra = zeros(12);
  let net = network(zeros(4));
  let rpc = zeros(5);
  let v2 = zeros(NFS_V2_PROCEDURES.length);
  let v3 = zeros(NFS_V3_PROCEDURES.length);
  let v4ops = zeros(NFSD_V4_OPERATIONS.length);
  let wdelegGetattr = 0;
  for (const { key, words, line } of keyedLines(text)) {
    // The th line's histogram (floats, gone from newer kernels) is not read: only threads and fullcnt.
    if (key === 'th' && words.length < 2) throw new Error(`invalid NFSd th metric line ${JSON.stringify(line)}`);
    const v = uints(key === 'th' ? words.slice(0, 2) : words, line);
    switch (key) {
      case 'rc':
        exactly(v, 3, 'rc');
        rc = v;
        break;
      case 'fh':
        exactly(v, 5, 'fh');
        fh = v;
        break;
      case 'io':
        exactly(v, 2, 'io');
        io = v;
        break;
      case 'th':
        th = v;
        break;
      case 'ra':
        exactly(v, 12, 'ra');
        ra = v;
        break;
      case 'net':
        net = network(v);
        break;
      case 'rpc':
        exactly(v, 5, 'rpc');
        rpc = v;
        break;
      case 'proc2':
        v2 = group(v, 18, 'proc2');
        break;
      case 'proc3':
        v3 = group(v, 22, 'proc3');
        break;
      case 'proc4':
        // Null and Compound; checked as procfs does, not exported by node_exporter.
        if (v[0] !== 2 || v.length !== 3) throw new Error(`invalid proc4 line: ${v.length - 1} values`);
        break;
      case 'proc4ops':
        // 39 operations before Linux 2.6, 40 since (RelLockOwner); later ones are not read.
        v4ops = group(v, 39, 'proc4ops');
        break;
      case 'wdeleg_getattr':
        wdelegGetattr = v[0] as number;
        break;
      default:
        throw new Error(`unknown NFSd metric line ${JSON.stringify(key)}`);
    }
  }
  return {
    replyCache: { hits: rc[0] as number, misses: rc[1] as number, noCache: rc[2] as number },
    fileHandles: { stale: fh[0] as number },
    io: { read: io[0] as number, write: io[1] as number },
    threads: th[0] as number,
    readAhead: { cacheSize: ra[0] as number, notFound: ra[11] as number },
    network: net,
    rpc: { rpcCount: rpc[0] as number, badFmt: rpc[2] as number, badAuth: rpc[3] as number, badcInt: rpc[4] as number },
    v2: named(NFS_V2_PROCEDURES, v2),
    v3: named(NFS_V3_PROCEDURES, v3),
    v4ops: named(NFSD_V4_OPERATIONS, v4ops),
    wdelegGetattr,
  };
}
