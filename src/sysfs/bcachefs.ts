// The files of /sys/fs/bcachefs/<uuid>/ that node_exporter's bcachefs collector exports, parsed as
// prometheus/procfs's bcachefs package parses them. Pure; each parser throws BcachefsParseError where
// procfs returns an error (the collector then fails), and skips what procfs skips.
import { parseGoFloat, parseGoUint64Base10 } from '../goparse.ts';
import { fields } from '../gostrings.ts';

export class BcachefsParseError extends Error {}

const UNITS: Readonly<Record<string, number>> = {
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
  e: 1024 ** 6,
};

/** Go's uint64(float64): truncation; negative and NaN become 0 here (Go leaves them implementation-defined). */
function toUint64(v: number): number {
  if (!(v > 0)) return 0;
  return Math.min(Math.trunc(v), 2 ** 64);
}

/**
 * bcachefs's human-readable sizes ("2.05G", "48.9G", "720", "62.5k"): a float with an optional
 * binary unit suffix, truncated to whole bytes.
 */
export function parseHumanBytes(text: string): number {
  let s = text.trim();
  if (s === '') throw new BcachefsParseError('empty size');
  const unit = UNITS[(s[s.length - 1] as string).toLowerCase()];
  let multiplier = 1;
  if (unit !== undefined) {
    multiplier = unit;
    s = s.slice(0, -1);
  }
  const v = parseGoFloat(s.trim());
  if (v === undefined) throw new BcachefsParseError(`invalid size ${JSON.stringify(text)}`);
  return toUint64(v * multiplier);
}

/** bufio.Scanner's lines: split at \n, one trailing \r dropped, no empty last line after a final \n. */
export function scanLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}


function uint(s: string, what: string): number {
  const v = parseGoUint64Base10(s);
  if (v === undefined) throw new BcachefsParseError(`${what}: invalid unsigned integer ${JSON.stringify(s)}`);
  return v;
}

export interface Compression {
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
}

/** compression_stats: a header line, then "<algorithm> <compressed> <uncompressed> [<average extent>]". */
export function parseCompressionStats(text: string): Map<string, Compression> {
  const out = new Map<string, Compression>();
  scanLines(text).forEach((line, i) => {
    if (i === 0) return;
    const f = fields(line);
    if (f.length < 3) return;
    const compressedBytes = parseHumanBytes(f[1] as string);
    const uncompressedBytes = parseHumanBytes(f[2] as string);
    if (f.length >= 4) parseHumanBytes(f[3] as string);
    out.set((f[0] as string).replace(/:$/, ''), { compressedBytes, uncompressedBytes });
  });
  return out;
}

/** errors: "<error type> <count> [<last time>]"; the count per type. */
export function parseErrors(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of scanLines(text)) {
    const f = fields(line);
    if (f.length < 2) continue;
    const count = uint(f[1] as string, 'error count');
    if (f.length >= 3) uint(f[2] as string, 'error time');
    out.set(f[0] as string, count);
  }
  return out;
}

/** counters/<name>: "since mount: …" and "since filesystem creation: …"; the latter (0 when only the former is there). */
export function parseCounter(text: string): number {
  let creation = 0;
  let seen = false;
  for (const line of scanLines(text)) {
    if (line.startsWith('since mount:')) {
      parseHumanBytes(line.slice('since mount:'.length));
      seen = true;
    } else if (line.startsWith('since filesystem creation:')) {
      creation = parseHumanBytes(line.slice('since filesystem creation:'.length));
      seen = true;
    }
  }
  if (!seen) throw new BcachefsParseError('counter file format not recognized');
  return creation;
}

export interface BtreeWrites {
  readonly count: number;
  readonly sizeBytes: number;
}

/** btree_write_stats: a header line, then "<type>: <count> <average size>". */
export function parseBtreeWriteStats(text: string): Map<string, BtreeWrites> {
  const out = new Map<string, BtreeWrites>();
  scanLines(text).forEach((line, i) => {
    if (i === 0) return;
    const f = fields(line);
    if (f.length < 3) return;
    const count = uint(f[1] as string, 'btree write count');
    out.set((f[0] as string).replace(/:$/, ''), { count, sizeBytes: parseHumanBytes(f[2] as string) });
  });
  return out;
}

/** dev-N/io_done: "read:" and "write:" sections of "<data type> : <bytes>"; operation -> data type -> bytes. */
export function parseIoDone(text: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  let op: Map<string, number> | undefined;
  for (const raw of scanLines(text)) {
    const line = raw.trim();
    if (line === '') continue;
    if (line === 'read:' || line === 'write:') {
      const name = line.slice(0, -1);
      op = out.get(name) ?? new Map<string, number>();
      out.set(name, op);
      continue;
    }
    if (op === undefined) continue;
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    op.set(line.slice(0, colon).trim(), uint(line.slice(colon + 1).trim(), 'io_done'));
  }
  return out;
}

/** dev-N/io_errors: the "since filesystem creation" section's "<type>: <count>" lines. */
export function parseIoErrors(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let inCreation = false;
  for (const line of scanLines(text)) {
    if (line.startsWith('IO errors since filesystem creation')) {
      inCreation = true;
      continue;
    }
    if (line.startsWith('IO errors since ')) break;
    if (!inCreation) continue;
    const t = line.trim();
    if (t === '') continue;
    const colon = t.indexOf(':');
    if (colon < 0) continue;
    out.set(t.slice(0, colon).trim(), uint(t.slice(colon + 1).trim(), 'io_errors'));
  }
  return out;
}

/** dev-N/nbuckets and durability (util's ReadUintFromFile after the file was read). */
export function parseDeviceUint(text: string, what: string): number {
  return uint(text.trim(), what);
}

/** node_exporter's SanitizeMetricName: each run of invalid characters, with the underscores around it, becomes one "_". */
export function sanitizeMetricName(name: string): string {
  return name.replace(/_*[^0-9A-Za-z_]+_*/g, '_');
}
