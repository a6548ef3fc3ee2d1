// /proc/slabinfo (version 2.1, readable by root only), as prometheus/procfs reads it:
//   slabinfo - version: 2.1
//   # name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
//   kmalloc-256         1024   1024    256   16    1 : tunables    0    0    0 : slabdata     64     64      0
import { parseGoInt64Base10 } from '../goparse.ts';
import { scanLines } from '../gostrings.ts';

export interface Slab {
  readonly name: string;
  readonly activeObjects: number;
  readonly objects: number;
  readonly objectSize: number;
  readonly objectsPerSlab: number;
  readonly pagesPerSlab: number;
}

/** Go's regexp \s: ASCII white space without \v. */
const GO_SPACE = /[\t\n\f\r ]+/;
/** The columns of a 2.1 line (after runs of white space become one space) that procfs parses. */
const COLUMNS = [1, 2, 3, 4, 5, 8, 9, 10, 13, 14, 15] as const;

/** Parses the file; like procfs, a line that is not 16 fields of numbers (after the name) fails it all. */
export function parseSlabinfo(text: string): Slab[] {
  const out: Slab[] = [];
  for (const line of scanLines(text)) {
    if (line.includes('slabinfo -') || line.includes('# name')) continue;
    const s = line.split(GO_SPACE);
    if (s.length !== 16) throw new Error(`unable to parse slabinfo line: ${JSON.stringify(line.slice(0, 80))}`);
    const v: number[] = [];
    for (const i of COLUMNS) {
      const n = parseGoInt64Base10(s[i] as string);
      if (n === undefined) throw new Error(`invalid number in slabinfo line: ${JSON.stringify(line.slice(0, 80))}`);
      v[i] = n;
    }
    out.push({ name: s[0] as string, activeObjects: v[1] as number, objects: v[2] as number, objectSize: v[3] as number, objectsPerSlab: v[4] as number, pagesPerSlab: v[5] as number });
  }
  return out;
}
