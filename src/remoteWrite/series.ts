// One scrape's exposition text -> one queued interval, as Prometheus would store it had it scraped the
// same text: one series per sample line (its name as __name__, its labels but those with an empty value,
// the external labels it does not already have), sorted by label name; the sample stamped with the time
// of collection unless the line carries its own; a family's TYPE and HELP as metadata.
//
// Held compactly, because a queue holds an hour of pushes: the series set is nearly the same every
// interval, so each series is parsed and its labels encoded as protobuf once, when first seen, and
// looked up by its text (`name{labels}` as the line writes it) afterwards. An interval holds only its
// values (a Float64Array), one timestamp, and the list of its series, which is shared with the previous
// interval when the series are the same (the usual case). A series that disappears lives on only in the
// intervals that still hold it.
//
// The text comes from this exporter's own scrape (families.ts, prom-client), so it is well formed; a line
// that still does not parse is skipped and counted, never the whole push.
import { parseGoFloat } from '../goparse.ts';
import type { QueueEntry } from './queue.ts';
import { rawBuffer, snappy } from './snappy.ts';
import type { MetricMetadata } from './writeRequest.ts';
import { encodeLabels, encodeSamples, METRIC_TYPE, samplesRequestSize } from './writeRequest.ts';

type Labels = [string, string][];

/** One series: its labels (sorted, external labels added) as the protobuf Label fields of a TimeSeries. */
export interface Series {
  /** Its text in the exposition, `name{labels}`, in memory of its own. */
  readonly key: string;
  readonly labels: Buffer;
}

/** One push: the series' values at one collection, waiting in the receivers' queues. */
export class Interval implements QueueEntry {
  constructor(
    /** Collection time, in milliseconds since the epoch. */
    readonly timestampMs: number,
    /** The series of values[i]; shared with other intervals that have the same. */
    readonly series: readonly Series[],
    readonly values: Float64Array,
    /** Per sample, only when a line carried its own timestamp. */
    readonly timestamps: Float64Array | undefined,
  ) {}

  get samples(): number {
    return this.values.length;
  }

  /** What the interval itself holds (the series' labels are held once for all intervals). */
  get bytes(): number {
    return this.values.byteLength + (this.timestamps?.byteLength ?? 0);
  }

  /** The snappy-compressed WriteRequest, made when it is sent. */
  body(): Buffer {
    const labels = this.series.map((s) => s.labels);
    const size = samplesRequestSize(labels, this.values, this.timestampMs, this.timestamps);
    const raw = rawBuffer(size);
    const n = encodeSamples(labels, this.values, this.timestampMs, this.timestamps, raw);
    return snappy(raw.subarray(0, n));
  }
}

export interface ParsedScrape {
  readonly interval: Interval;
  /** TYPE and HELP of each family, when asked for. */
  readonly metadata: MetricMetadata[] | undefined;
  /** Sample lines that did not parse (skipped). */
  readonly skipped: number;
}

const byName = (a: readonly [string, string], b: readonly [string, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** `{a="x",b="y"}` starting at line[i] === '{': the labels and the index after '}', or undefined. */
function parseLabels(line: string, start: number, into: Labels): number | undefined {
  let i = start + 1;
  for (;;) {
    while (line[i] === ' ' || line[i] === ',') i++;
    if (line[i] === '}') return i + 1;
    const eq = line.indexOf('=', i);
    if (eq < 0 || line[eq + 1] !== '"') return undefined;
    const name = line.slice(i, eq).trim();
    i = eq + 2;
    let value = '';
    let from = i;
    for (;;) {
      const c = line[i];
      if (c === undefined) return undefined;
      if (c === '"') break;
      if (c === '\\') {
        value += line.slice(from, i);
        const e = line[i + 1];
        value += e === 'n' ? '\n' : (e ?? '');
        i += 2;
        from = i;
        continue;
      }
      i++;
    }
    value += line.slice(from, i);
    i++;
    into.push([name, value]);
  }
}

function unescapeHelp(s: string): string {
  return s.indexOf('\\') === -1 ? s : s.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

function metricType(t: string): MetricMetadata['type'] {
  return t in METRIC_TYPE ? METRIC_TYPE[t as keyof typeof METRIC_TYPE] : METRIC_TYPE.unknown;
}

/**
 * A string with memory of its own. A slice of the scrape text would keep the whole text alive (V8 slices
 * point into their parent) for as long as the series stays in the table.
 */
function ownCopy(s: string): string {
  const copy = Buffer.from(s, 'utf8').toString('utf8');
  // A lone surrogate does not survive the round trip; such a key keeps its slice.
  return copy === s ? copy : s;
}

/** The labels of a sample line's series text (`name` or `name{...}`), with the external labels; undefined if it does not parse. */
function seriesLabels(key: string, nameEnd: number, externalLabels: readonly (readonly [string, string])[]): Labels | undefined {
  const labels: Labels = [['__name__', key.slice(0, nameEnd)]];
  if (nameEnd < key.length && parseLabels(key, nameEnd, labels) !== key.length) return undefined;
  // A label with an empty value is no label at all in Prometheus: a scrape would store the series without it.
  for (let j = labels.length - 1; j > 0; j--) if ((labels[j] as [string, string])[1] === '') labels.splice(j, 1);
  for (const ext of externalLabels) {
    if (!labels.some(([n]) => n === ext[0])) labels.push([ext[0], ext[1]]);
  }
  labels.sort(byName);
  return labels;
}

/** Space, tab or carriage return: what separates a sample line's value and timestamp. */
function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d;
}

/** A series as the table holds it: mark is the last parse that saw it. */
interface Entry extends Series {
  mark: number;
}

/**
 * The series seen in the latest scrape, by their text, and the interval made from each scrape. One per
 * RemoteWriter; a new one when the external labels change (SIGHUP).
 */
export class SeriesTable {
  private readonly known = new Map<string, Entry>();
  private previous: readonly Series[] = [];
  private generation = 0;

  /** externalLabels sorted by name; a series keeps its own value of a label it already has (Prometheus' rule). */
  constructor(private readonly externalLabels: readonly (readonly [string, string])[]) {}

  /** Series currently known (those of the latest scrape). */
  get size(): number {
    return this.known.size;
  }

  /**
   * One scrape's text -> its interval. Per line it makes two short strings (the series text, to look it
   * up, and the value); the labels are parsed and encoded only for a series not seen in the previous scrape.
   */
  parse(text: string, timestampMs: number, withMetadata: boolean): ParsedScrape {
    const gen = ++this.generation;
    let distinct = 0;
    const prev = this.previous;
    /** The series list while it differs from prev; undefined while it is prev's first n entries. */
    let list: Series[] | undefined;
    let n = 0;
    let values: Float64Array = new Float64Array(Math.max(16, prev.length));
    let timestamps: Float64Array | undefined;
    const helps = withMetadata ? new Map<string, string>() : undefined;
    const types = withMetadata ? new Map<string, string>() : undefined;
    let skipped = 0;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const ls = start;
      start = end + 1;
      if (end === ls) continue;
      if (text.charCodeAt(ls) === 0x23 /* # */) {
        if (helps === undefined || types === undefined) continue;
        const m = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$/.exec(text.slice(ls, end));
        if (m !== null) (m[1] === 'HELP' ? helps : types).set(m[2] as string, m[1] === 'HELP' ? unescapeHelp(m[3] as string) : (m[3] as string));
        continue;
      }
      // The metric name ends at '{' or a space.
      let nameEnd = ls;
      for (let c = text.charCodeAt(nameEnd); nameEnd < end && c !== 0x7b && c !== 0x20; c = text.charCodeAt(++nameEnd));
      if (nameEnd === ls || nameEnd === end) {
        skipped++;
        continue;
      }
      // The series text ends at the line's last '}' (a label value may hold one; the value and timestamp cannot).
      let keyEnd = nameEnd;
      if (text.charCodeAt(nameEnd) === 0x7b) {
        keyEnd = text.lastIndexOf('}', end - 1) + 1;
        if (keyEnd <= nameEnd) {
          skipped++;
          continue;
        }
      }
      // Value, then an optional timestamp, separated by blanks; nothing else.
      let a = keyEnd;
      while (a < end && isBlank(text.charCodeAt(a))) a++;
      let b = a;
      while (b < end && !isBlank(text.charCodeAt(b))) b++;
      const value = parseGoFloat(text.slice(a, b));
      let c = b;
      while (c < end && isBlank(text.charCodeAt(c))) c++;
      let d = c;
      while (d < end && !isBlank(text.charCodeAt(d))) d++;
      let e = d;
      while (e < end && isBlank(text.charCodeAt(e))) e++;
      const ts = c === end ? timestampMs : Number(text.slice(c, d));
      if (value === undefined || e !== end || !Number.isSafeInteger(ts)) {
        skipped++;
        continue;
      }
      const key = text.slice(ls, keyEnd);
      let s = this.known.get(key);
      if (s === undefined) {
        const labels = seriesLabels(key, nameEnd - ls, this.externalLabels);
        if (labels === undefined) {
          skipped++;
          continue;
        }
        s = { key: ownCopy(key), labels: encodeLabels(labels), mark: 0 };
        this.known.set(s.key, s);
      }
      if (s.mark !== gen) {
        s.mark = gen;
        distinct++;
      }
      if (n === values.length) {
        values = grow(values);
        if (timestamps !== undefined) timestamps = grow(timestamps);
      }
      if (ts !== timestampMs && timestamps === undefined) timestamps = new Float64Array(values.length).fill(timestampMs);
      if (list !== undefined) list.push(s);
      else if (prev[n] !== s) {
        list = prev.slice(0, n);
        list.push(s);
      }
      values[n] = value;
      if (timestamps !== undefined) timestamps[n] = ts;
      n++;
    }
    // Series not in this scrape leave the table (the intervals that hold them keep them).
    if (distinct !== this.known.size) for (const [k, s] of this.known) if (s.mark !== gen) this.known.delete(k);
    const series = list ?? (n === prev.length ? prev : prev.slice(0, n));
    this.previous = series;
    const interval = new Interval(timestampMs, series, values.length === n ? values : values.slice(0, n), timestamps === undefined ? undefined : timestamps.slice(0, n));
    let metadata: MetricMetadata[] | undefined;
    if (types !== undefined && helps !== undefined) {
      metadata = [];
      for (const [family, type] of types) metadata.push({ type: metricType(type), family, help: helps.get(family) ?? '', unit: '' });
    }
    return { interval, metadata, skipped };
  }
}

function grow(a: Float64Array): Float64Array {
  const g = new Float64Array(a.length * 2);
  g.set(a);
  return g;
}
