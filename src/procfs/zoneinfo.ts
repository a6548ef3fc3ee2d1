// /proc/zoneinfo, as prometheus/procfs reads it for node_exporter's zoneinfo collector: blocks that start
// with "Node <n>, zone <name>", "<key> <value>" lines (watermarks, vm counters, per-node stats that the
// kernel prints inside a node's first zone) and a "protection: (a, b, ...)" line.
//   Node 0, zone    DMA32
//     per-node stats
//         nr_inactive_anon 3021
//     ...
//     pages free     20742
//           min      1011
//     ...
//           protection: (0, 0, 0, 0)
//         nr_free_pages 20742
import { parseGoInt, parseGoInt64Base10 } from '../goparse.ts';
import { fields } from '../gostrings.ts';

/** The keys procfs picks out of a zone block, in the order of its Zoneinfo struct. */
export const ZONEINFO_KEYS = [
  'nr_free_pages',
  'min',
  'low',
  'high',
  'scanned',
  'spanned',
  'present',
  'managed',
  'nr_active_anon',
  'nr_inactive_anon',
  'nr_isolated_anon',
  'nr_anon_pages',
  'nr_anon_transparent_hugepages',
  'nr_active_file',
  'nr_inactive_file',
  'nr_isolated_file',
  'nr_file_pages',
  'nr_slab_reclaimable',
  'nr_slab_unreclaimable',
  'nr_mlock_stack',
  'nr_kernel_stack',
  'nr_mapped',
  'nr_dirty',
  'nr_writeback',
  'nr_unevictable',
  'nr_shmem',
  'nr_dirtied',
  'nr_written',
  'numa_hit',
  'numa_miss',
  'numa_foreign',
  'numa_interleave',
  'numa_local',
  'numa_other',
] as const;

export type ZoneinfoKey = (typeof ZONEINFO_KEYS)[number];
const KEYS: ReadonlySet<string> = new Set(ZONEINFO_KEYS);

export interface Zone {
  /** '' for a block without a "Node n, zone x" line (procfs keeps such a block). */
  readonly node: string;
  readonly zone: string;
  /** The keys found in the block; the last line of a key wins. */
  readonly values: ReadonlyMap<ZoneinfoKey, number>;
  readonly protection: readonly number[] | undefined;
}

/** Go's regexp `(\d+), zone\s+(\w+)`, found anywhere in the line. */
const NODE_ZONE = /([0-9]+), zone[\t\n\f\r ]+([0-9A-Za-z_]+)/;

/**
 * Parses the file. As procfs does: a value that is not an integer (strconv.ParseInt base 0) counts as
 * 0, a protection line with a bad number leaves the zone without protection, other lines are ignored.
 */
export function parseZoneinfo(text: string): Zone[] {
  return text.split('\nNode').map(parseBlock);
}

function parseBlock(block: string): Zone {
  let node = '';
  let zone = '';
  const values = new Map<ZoneinfoKey, number>();
  let protection: number[] | undefined;
  for (const line of block.split('\n')) {
    const nz = NODE_ZONE.exec(line);
    if (nz) {
      node = nz[1] as string;
      zone = nz[2] as string;
      continue;
    }
    if (line.trim().startsWith('per-node stats')) continue;
    const parts = fields(line);
    if (parts.length < 2) continue;
    const key = parts[0] as string;
    if (KEYS.has(key)) values.set(key as ZoneinfoKey, parseGoInt(parts[1] as string) ?? 0);
    else if (key === 'protection:') protection = parseProtection(line) ?? protection;
  }
  return { node, zone, values, protection };
}

/** "protection: (0, 2991, 31860)" -> [0, 2991, 31860]; undefined when a number does not parse. */
function parseProtection(line: string): number[] | undefined {
  const list = (line.split(':')[1] ?? '').replace('(', '').replace(')', '').trim();
  const out: number[] = [];
  for (const s of list.split(', ')) {
    const v = parseGoInt64Base10(s);
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}
