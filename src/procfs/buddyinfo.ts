// /proc/buddyinfo: free blocks of each order (2^n pages) per node and zone, as prometheus/procfs reads it.
//   Node 0, zone      DMA      1      0      1      0      2      1      1      0      1      1      3
import { parseGoFloat } from '../goparse.ts';
import { fields, scanLines } from '../gostrings.ts';

export interface BuddyZone {
  readonly node: string;
  readonly zone: string;
  /** Free blocks by order: sizes[n] counts blocks of 2^n pages. */
  readonly sizes: readonly number[];
}

/** Parses the file; like procfs, any malformed line (or a zone with another number of orders) fails it all. */
export function parseBuddyinfo(text: string): BuddyZone[] {
  const out: BuddyZone[] = [];
  let orders = -1;
  for (const line of scanLines(text)) {
    const parts = fields(line);
    if (parts.length < 4) throw new Error(`invalid number of fields in buddyinfo line: ${JSON.stringify(line.slice(0, 80))}`);
    const counts = parts.slice(4);
    if (orders === -1) orders = counts.length;
    else if (orders !== counts.length) throw new Error(`mismatch in number of buddyinfo buckets, previous count ${orders}, new count ${counts.length}`);
    const sizes = counts.map((c) => {
      const v = parseGoFloat(c);
      if (v === undefined) throw new Error(`invalid value in buddyinfo: ${JSON.stringify(c.slice(0, 40))}`);
      return v;
    });
    out.push({ node: trimComma(parts[1] as string), zone: trimComma(parts[3] as string), sizes });
  }
  return out;
}

function trimComma(s: string): string {
  return s.endsWith(',') ? s.slice(0, -1) : s;
}
