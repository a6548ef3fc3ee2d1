// An XFS statistics file (/sys/fs/xfs/<device>/stats/stats, same format as /proc/fs/xfs/stat), as
// prometheus/procfs's xfs.ParseStats reads it: "<label> <values...>" lines. Pure; throws where procfs
// returns an error (a value that is not an unsigned integer, a known label with the wrong count).
import { parseGoUint32Base10, parseGoUint64Base10 } from '../goparse.ts';
import { fields, scanLines } from '../gostrings.ts';

/** The counters node_exporter exports, in its order per label; absent labels are zeros. */
export interface XfsStats {
  /** extent_alloc: extents allocated, blocks allocated, extents freed, blocks freed. */
  readonly extentAlloc: readonly number[];
  /** abt: lookups, compares, records inserted, records deleted. */
  readonly abt: readonly number[];
  /** blk_map: reads, writes, unmaps, extent list insertions, deletions, lookups, compares. */
  readonly blkMap: readonly number[];
  /** bmbt: as abt. */
  readonly bmbt: readonly number[];
  /** dir: lookups, creates, removes, getdents. */
  readonly dir: readonly number[];
  /** ig: attempts, found, recycle, missed, duplicate, reclaims, attribute changes. */
  readonly ig: readonly number[];
  /** rw: write, read (the kernel's order). */
  readonly rw: readonly number[];
  /** vnodes: active, allocate, get, hold, release, reclaim, remove (and free on newer kernels, not exported). */
  readonly vnodes: readonly number[];
}

/** How many values procfs accepts per label: exact counts, or a minimum. Labels not listed take any count. */
const COUNTS: Readonly<Record<string, number | readonly number[] | { min: number }>> = {
  extent_alloc: 4,
  abt: 4,
  blk_map: 7,
  bmbt: 4,
  dir: 4,
  trans: 3,
  ig: 7,
  log: 5,
  push_ail: 10,
  xstrat: 2,
  rw: 2,
  attr: 4,
  icluster: 3,
  vnodes: [7, 8],
  buf: 9,
  qm: [8, 9],
  debug: 1,
  abtb2: 15,
  abtc2: 15,
  bmbt2: 15,
  ibt2: 15,
  fibt2: 15,
  rmapbt: 15,
  refcntbt: 15,
  rmapbt_mem: 15,
  rcbagbt: 15,
  rtrmapbt: 15,
  rtrmapbt_mem: 15,
  rtrefcntbt: 15,
  zoned: { min: 3 },
  metafile: { min: 1 },
};
/** Labels whose values are 64-bit (the rest are 32-bit), with their exact counts. */
const COUNTS64: Readonly<Record<string, number>> = { xpc: 3, defer_relog: 1, 'gc xpc': 1 };

function values(label: string, words: readonly string[], parse: (s: string) => number | bigint | undefined): number[] {
  return words.map((w) => {
    const v = parse(w);
    if (v === undefined) throw new Error(`xfs stats: invalid value ${JSON.stringify(w)} for ${label}`);
    return Number(v);
  });
}

function checkCount(label: string, n: number, want: number | readonly number[] | { min: number } | undefined): void {
  if (want === undefined) return;
  const ok = typeof want === 'number' ? n === want : Array.isArray(want) ? want.includes(n) : n >= (want as { min: number }).min;
  if (!ok) throw new Error(`xfs stats: incorrect number of values for ${label}: ${n}`);
}

const zeros = (n: number): number[] => new Array<number>(n).fill(0);

export function parseXfsStats(text: string): XfsStats {
  const got = new Map<string, number[]>();
  for (const line of scanLines(text)) {
    const ss = fields(line);
    if (ss.length < 2) continue;
    let label = ss[0] as string;
    let rest = ss.slice(1);
    if (label === 'gc' && ss.length >= 3 && ss[1] === 'xpc') [label, rest] = ['gc xpc', ss.slice(2)];
    const n64 = COUNTS64[label];
    if (n64 !== undefined) {
      checkCount(label, values(label, rest, parseGoUint64Base10).length, n64);
      continue;
    }
    const us = values(label, rest, parseGoUint32Base10);
    checkCount(label, us.length, COUNTS[label]);
    got.set(label, us);
  }
  const take = (label: string, n: number): number[] => (got.get(label) ?? zeros(n)).slice(0, n);
  return {
    extentAlloc: take('extent_alloc', 4),
    abt: take('abt', 4),
    blkMap: take('blk_map', 7),
    bmbt: take('bmbt', 4),
    dir: take('dir', 4),
    ig: take('ig', 7),
    rw: take('rw', 2),
    vnodes: take('vnodes', 7),
  };
}
