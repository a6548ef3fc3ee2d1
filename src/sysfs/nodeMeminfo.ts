// /sys/devices/system/node/node<N>/meminfo and numastat, as node_exporter's meminfo_numa collector
// parses them:
//   meminfo:   Node 0 MemTotal:       16328532 kB
//              Node 0 Active(anon):    3101476 kB
//              Node 0 HugePages_Total:     0
//   numastat:  numa_hit 193460335812
import { parseGoFloat } from '../goparse.ts';
import { fields, scanLines } from '../gostrings.ts';

export interface NodeMeminfoField {
  /** The metric name part: "MemTotal", "Active_anon" (parentheses become an underscore). */
  readonly name: string;
  /** The node number as the file says it. */
  readonly node: string;
  /** Bytes for "kB" fields, the plain number otherwise. */
  readonly value: number;
}

/** Go's regexp `\((.*)\)`: the first "(" to the last ")". */
const PARENS = /\((.*)\)/;

/** A node's meminfo; like node_exporter, one malformed line fails the file. */
export function parseNodeMeminfo(text: string): NodeMeminfoField[] {
  const out: NodeMeminfoField[] = [];
  for (const raw of scanLines(text)) {
    const line = raw.trim();
    if (line === '') continue;
    const parts = fields(line);
    // node_exporter indexes parts[3] unchecked: a short line would panic it.
    if (parts.length < 4) throw new Error(`invalid line in meminfo: ${JSON.stringify(line.slice(0, 80))}`);
    let value = parseGoFloat(parts[3] as string);
    if (value === undefined) throw new Error(`invalid value in meminfo: ${JSON.stringify((parts[3] as string).slice(0, 40))}`);
    if (parts.length === 5 && parts[4] === 'kB') value *= 1024;
    else if (parts.length !== 4) throw new Error(`invalid line in meminfo: ${JSON.stringify(line.slice(0, 80))}`);
    const name = (parts[2] as string).replace(/:+$/, '').replace(PARENS, '_$1');
    out.push({ name, node: parts[1] as string, value });
  }
  return out;
}

export interface NumastatField {
  readonly name: string;
  readonly value: number;
}

/** A node's numastat ("name value" lines); one malformed line fails the file. */
export function parseNodeNumastat(text: string): NumastatField[] {
  const out: NumastatField[] = [];
  for (const raw of scanLines(text)) {
    const line = raw.trim();
    if (line === '') continue;
    const parts = fields(line);
    if (parts.length !== 2) throw new Error(`line scan did not return 2 fields: ${JSON.stringify(line.slice(0, 80))}`);
    const value = parseGoFloat(parts[1] as string);
    if (value === undefined) throw new Error(`invalid value in numastat: ${JSON.stringify((parts[1] as string).slice(0, 40))}`);
    out.push({ name: parts[0] as string, value });
  }
  return out;
}
