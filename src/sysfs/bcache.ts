// bcache's sysfs values (/sys/fs/bcache/<uuid>/..., prometheus/procfs's bcache package): numbers the
// kernel may print "humanized" by bch_hprint ("20.4G", "1.1M"), writeback_rate_debug and priority_stats.
// Pure; throws where procfs returns an error.
import { parseGoFloat, parseGoInt64Base10, parseGoUint64Base10 } from '../goparse.ts';
import { fields, scanLines } from '../gostrings.ts';

/** bch_hprint's suffixes: powers of 1024. An unknown suffix multiplies by 0, as in procfs. */
const MULTIPLIERS: Readonly<Record<string, number>> = { k: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40, P: 2 ** 50, E: 2 ** 60, Z: 2 ** 70, Y: 2 ** 80 };

function float(s: string): number {
  const v = parseGoFloat(s);
  if (v === undefined) throw new Error(`bcache: invalid number ${JSON.stringify(s)}`);
  return v;
}

/**
 * bch_hprint's "integer.fraction", where the fraction is tenths of 1/1.024 (procfs's parsePseudoFloat:
 * "1.1" is 1 + 1/10.24). Only the first two dot-separated parts count.
 */
export function parsePseudoFloat(s: string): number {
  const parts = s.split('.');
  const int = float(parts[0] as string);
  if (parts.length === 1) return int;
  return int + float(parts[1] as string) / 10.24;
}

/**
 * procfs's dehumanize: a number with an optional bch_hprint suffix, truncated to an unsigned integer.
 * Throws when it does not parse, and (where Go's conversion is undefined) when it is negative, not a
 * number or beyond 2^64.
 */
export function dehumanize(s: string): number {
  if (s === '') throw new Error('bcache: zero-length reply');
  const last = s.charCodeAt(s.length - 1);
  let v: number;
  // Go looks at the last byte: the tail of a multi-byte character leaves an incomplete number behind.
  if (last > 127) throw new Error(`bcache: invalid number ${JSON.stringify(s)}`);
  if (last > 57) {
    const mul = MULTIPLIERS[s[s.length - 1] as string] ?? 0;
    v = parsePseudoFloat(s.slice(0, -1)) * mul;
  } else {
    v = float(s);
  }
  if (!(v >= 0 && v < 2 ** 64)) throw new Error(`bcache: ${JSON.stringify(s)} is not an unsigned 64-bit value`);
  return Math.trunc(v);
}

/** procfs's dehumanizeSigned: dehumanize after one leading "-", negated. */
export function dehumanizeSigned(s: string): number {
  if (s.startsWith('-')) {
    const v = dehumanize(s.slice(1));
    return v === 0 ? 0 : -v;
  }
  return dehumanize(s);
}

/** A single-value attribute as procfs reads it: the whole file less its last byte (the newline), dehumanized. */
export function parseBcacheValue(text: string): number {
  if (text === '') throw new Error('bcache: empty attribute');
  return dehumanize(text.slice(0, -1));
}

export interface WritebackRateDebug {
  readonly rate: number;
  readonly dirty: number;
  readonly target: number;
  readonly proportional: number;
  readonly integral: number;
  readonly change: number;
  readonly nextIoMs: number;
}

const lastField = (line: string): string => {
  const f = fields(line);
  return f[f.length - 1] ?? '';
};
const trimSuffix = (s: string, suffix: string): string => (s.endsWith(suffix) ? s.slice(0, -suffix.length) : s);

/** writeback_rate_debug: "rate: 1.1M/sec", "dirty: 20.4G", ... Unknown lines are ignored; a bad value throws. */
export function parseWritebackRateDebug(text: string): WritebackRateDebug {
  const w = { rate: 0, dirty: 0, target: 0, proportional: 0, integral: 0, change: 0, nextIoMs: 0 };
  for (const line of scanLines(text)) {
    if (line.startsWith('rate:')) w.rate = dehumanize(trimSuffix(lastField(line), '/sec'));
    else if (line.startsWith('dirty:')) w.dirty = dehumanize(lastField(line));
    else if (line.startsWith('target:')) w.target = dehumanize(lastField(line));
    else if (line.startsWith('proportional:')) w.proportional = dehumanizeSigned(lastField(line));
    else if (line.startsWith('integral:')) w.integral = dehumanizeSigned(lastField(line));
    else if (line.startsWith('change:')) w.change = dehumanizeSigned(trimSuffix(lastField(line), '/sec'));
    else if (line.startsWith('next io:')) {
      const v = parseGoInt64Base10(trimSuffix(lastField(line), 'ms'));
      if (v === undefined) throw new Error(`bcache: invalid next io in ${JSON.stringify(line)}`);
      w.nextIoMs = v;
    }
  }
  return w;
}

export interface PriorityStats {
  readonly unusedPercent: number;
  readonly metadataPercent: number;
}

/** priority_stats: the "Unused:" and "Metadata:" percentages; the other lines are ignored. */
export function parsePriorityStats(text: string): PriorityStats {
  const p = { unusedPercent: 0, metadataPercent: 0 };
  for (const line of scanLines(text)) {
    const key = line.startsWith('Unused:') ? 'unusedPercent' : line.startsWith('Metadata:') ? 'metadataPercent' : undefined;
    if (key === undefined) continue;
    const v = parseGoUint64Base10(trimSuffix(lastField(line), '%'));
    if (v === undefined) throw new Error(`bcache: invalid percentage in ${JSON.stringify(line)}`);
    p[key] = Number(v);
  }
  return p;
}
