// The Prometheus text exposition format (version 0.0.4), parsed with the rules of prometheus/common's
// expfmt.TextParser, which node_exporter's textfile collector uses: the same grammar, the same errors for
// the same input, the same grouping of summary and histogram lines. Pure: text in, families out.
//
// Not supported (a parse error here): the quoted UTF-8 metric and label names of newer parsers
// (`{"my.metric"} 1`), which node_exporter's legacy name validation limits to plain names anyway.
import { parseGoFloat, parseGoInt64Base10 } from './goparse.ts';

export type TextMetricType = 'counter' | 'gauge' | 'untyped' | 'summary' | 'histogram' | 'gaugehistogram';

export interface SummaryValue {
  count: number;
  sum: number;
  /** [quantile, value] in file order. */
  quantiles: [number, number][];
}

export interface HistogramValue {
  count: number;
  sum: number;
  /** [upper bound, cumulative count] in file order. */
  buckets: [number, number][];
}

export interface TextMetric {
  /** Label pairs in file order; a summary's quantile and a histogram's le are not among them. */
  readonly labels: [string, string][];
  /** Counter, gauge and untyped samples. */
  value?: number;
  summary?: SummaryValue;
  histogram?: HistogramValue;
  /** Client-side timestamp in milliseconds, if the line had one. */
  timestampMs?: bigint;
}

export interface TextFamily {
  readonly name: string;
  /** undefined when the input has no HELP line for it, or an empty one. */
  help: string | undefined;
  type: TextMetricType;
  readonly metrics: TextMetric[];
}

export class TextParseError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`text format parsing error in line ${line}: ${detail}`);
    this.name = 'TextParseError';
  }
}

const TYPES: Readonly<Record<string, TextMetricType>> = {
  COUNTER: 'counter',
  GAUGE: 'gauge',
  SUMMARY: 'summary',
  UNTYPED: 'untyped',
  HISTOGRAM: 'histogram',
  GAUGE_HISTOGRAM: 'gaugehistogram',
};

/** float64 to uint64 for summary/histogram counts: truncated, saturating at 0 and 2^64-1 (NaN is 0), as on arm64. */
export function toUint64(v: number): number {
  if (Number.isNaN(v) || v <= 0) return 0;
  if (v >= 18446744073709551615) return 18446744073709551615;
  return Math.trunc(v);
}

/** A float as Go's exposition writes it (strconv 'g', shortest): 1.6384e+06, 409600, +Inf, NaN. */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (v === 0) return '0';
  const [mant, e] = v.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(v);
}

const isBlank = (c: string): boolean => c === ' ' || c === '\t';
const isLabelNameStart = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isLabelNameCont = (c: string): boolean => isLabelNameStart(c) || (c >= '0' && c <= '9');
const isMetricNameStart = (c: string): boolean => isLabelNameStart(c) || c === ':';
const isMetricNameCont = (c: string): boolean => isLabelNameCont(c) || c === ':';
const isCount = (n: string): boolean => n.length > 6 && n.endsWith('_count');
const isSum = (n: string): boolean => n.length > 4 && n.endsWith('_sum');
const isBucket = (n: string): boolean => n.length > 7 && n.endsWith('_bucket');
const summaryName = (n: string): string => (isCount(n) ? n.slice(0, -6) : isSum(n) ? n.slice(0, -4) : n);
const histogramName = (n: string): string => (isBucket(n) ? n.slice(0, -7) : summaryName(n));
const q = (s: string): string => JSON.stringify(s);

interface Family {
  readonly name: string;
  help: string | undefined;
  type: TextMetricType | undefined;
  readonly metrics: TextMetric[];
}

const EOF = Symbol('eof');

class Parser {
  private pos = 0;
  private line = 0;
  private cur = '';
  private token = '';
  private readonly families = new Map<string, Family>();
  private mf: Family | undefined;
  private metric: TextMetric = { labels: [] };
  private summaries = new Map<string, TextMetric>();
  private histograms = new Map<string, TextMetric>();
  private currentLabels = new Map<string, string>();
  private quantile = NaN;
  private bucket = NaN;
  private summaryCount = false;
  private summarySum = false;
  private histogramCount = false;
  private histogramSum = false;

  constructor(private readonly text: string) {}

  parse(): TextFamily[] {
    try {
      for (;;) {
        this.line++;
        try {
          this.skipBlankTab();
        } catch (e) {
          if (e === EOF) break;
          throw e;
        }
        if (this.ch() === '#') this.comment();
        else if (this.ch() === '\n') continue;
        else if (this.ch() === '{') throw this.fail('metric names inside braces are not supported');
        else this.sample();
      }
    } catch (e) {
      if (e === EOF) throw this.fail('unexpected end of input stream');
      throw e;
    }
    const out: TextFamily[] = [];
    for (const f of this.families.values()) {
      if (f.metrics.length > 0) out.push({ name: f.name, help: f.help, type: f.type ?? 'untyped', metrics: f.metrics });
    }
    return out;
  }

  /** The current character (a method, so that TypeScript does not narrow it across reads). */
  private ch(): string {
    return this.cur;
  }

  private fail(detail: string): TextParseError {
    return new TextParseError(this.line, detail);
  }

  private read(): void {
    if (this.pos >= this.text.length) throw EOF;
    this.cur = this.text[this.pos++] as string;
  }

  private skipBlankTab(): void {
    do this.read();
    while (isBlank(this.cur));
  }

  private skipBlankTabIfCurrent(): void {
    if (isBlank(this.cur)) this.skipBlankTab();
  }

  private readUntilWhitespace(): void {
    this.token = '';
    while (!isBlank(this.cur) && this.ch() !== '\n') {
      this.token += this.cur;
      this.read();
    }
  }

  /** With escapes: \\, \n and \" are recognised, anything else is an error. Without: backslashes vanish (as in Go). */
  private readUntilNewline(escapes: boolean): void {
    this.token = '';
    let escaped = false;
    for (;;) {
      if (escapes && escaped) {
        if (this.ch() === '\\') this.token += '\\';
        else if (this.ch() === 'n') this.token += '\n';
        else if (this.ch() === '"') this.token += '"';
        else throw this.fail(`invalid escape sequence '\\${this.cur}'`);
        escaped = false;
      } else if (this.ch() === '\n') return;
      else if (this.ch() === '\\') escaped = true;
      else this.token += this.cur;
      this.read();
    }
  }

  private readMetricName(): void {
    this.token = '';
    if (!isMetricNameStart(this.cur)) return;
    do {
      this.token += this.cur;
      this.read();
    } while (isMetricNameCont(this.cur));
  }

  private readLabelName(): void {
    this.token = '';
    if (!isLabelNameStart(this.cur)) return;
    do {
      this.token += this.cur;
      this.read();
    } while (isLabelNameCont(this.cur));
  }

  private readLabelValue(): void {
    this.token = '';
    let escaped = false;
    for (;;) {
      this.read();
      if (escaped) {
        if (this.ch() === '"' || this.ch() === '\\') this.token += this.cur;
        else if (this.ch() === 'n') this.token += '\n';
        else throw this.fail(`invalid escape sequence '\\${this.cur}'`);
        escaped = false;
        continue;
      }
      if (this.ch() === '"') return;
      if (this.ch() === '\n') throw this.fail(`label value ${q(this.token)} contains unescaped new-line`);
      if (this.ch() === '\\') escaped = true;
      else this.token += this.cur;
    }
  }

  private setOrCreateFamily(name: string): Family {
    this.summaryCount = this.summarySum = this.histogramCount = this.histogramSum = false;
    const exact = this.families.get(name);
    if (exact) return (this.mf = exact);
    const s = this.families.get(summaryName(name));
    if (s && s.type === 'summary') {
      this.summaryCount = isCount(name);
      this.summarySum = isSum(name);
      return (this.mf = s);
    }
    const h = this.families.get(histogramName(name));
    if (h && h.type === 'histogram') {
      this.histogramCount = isCount(name);
      this.histogramSum = isSum(name);
      return (this.mf = h);
    }
    const f: Family = { name, help: undefined, type: undefined, metrics: [] };
    this.families.set(name, f);
    return (this.mf = f);
  }

  /** After '#'. Returns with the line's '\n' consumed. */
  private comment(): void {
    this.skipBlankTab();
    if (this.ch() === '\n') return;
    this.readUntilWhitespace();
    if (this.ch() === '\n') return;
    const keyword = this.token;
    if (keyword !== 'HELP' && keyword !== 'TYPE') {
      while (this.ch() !== '\n') this.read();
      return;
    }
    this.skipBlankTab();
    this.readMetricName();
    if (this.ch() === '\n') return;
    if (!isBlank(this.cur)) throw this.fail('invalid metric name in comment');
    const mf = this.setOrCreateFamily(this.token);
    this.skipBlankTab();
    if (this.ch() === '\n') return;
    if (keyword === 'HELP') {
      if (mf.help !== undefined) throw this.fail(`second HELP line for metric name ${q(mf.name)}`);
      this.readUntilNewline(true);
      mf.help = this.token;
      return;
    }
    if (mf.type !== undefined) throw this.fail(`second TYPE line for metric name ${q(mf.name)}, or TYPE reported after samples`);
    this.readUntilNewline(false);
    const t = TYPES[this.token.toUpperCase()];
    if (t === undefined) throw this.fail(`unknown metric type ${q(this.token)}`);
    mf.type = t;
  }

  /** The current character starts a metric name. Returns with the line's '\n' consumed. */
  private sample(): void {
    this.readMetricName();
    if (this.token === '') throw this.fail('invalid metric name');
    const mf = this.setOrCreateFamily(this.token);
    mf.type ??= 'untyped';
    this.metric = { labels: [] };
    this.skipBlankTabIfCurrent();
    if (mf.type === 'summary' || mf.type === 'histogram') {
      this.currentLabels = new Map([['__name__', mf.name]]);
      this.quantile = NaN;
      this.bucket = NaN;
    }
    if (this.ch() === '{') this.labels(mf);
    this.value(mf);
  }

  /** At '{'. Returns at the first non-blank character after '}'. */
  private labels(mf: Family): void {
    const pending: [string, string][] = [];
    for (;;) {
      this.skipBlankTab();
      if (this.ch() === '}') break;
      this.readLabelName();
      if (this.token === '') throw this.fail(`invalid label name for metric ${q(mf.name)}`);
      this.skipBlankTabIfCurrent();
      if (this.ch() !== '=') throw this.fail(`expected '=' after label name, found ${q(this.cur)}`);
      const name = this.token;
      if (name === '__name__') throw this.fail('label name "__name__" is reserved');
      const special = (mf.type === 'summary' && name === 'quantile') || (mf.type === 'histogram' && name === 'le');
      let pair: [string, string] | undefined;
      if (!special) {
        if (pending.some(([n]) => n === name)) throw this.fail(`duplicate label names for metric ${q(mf.name)}`);
        pair = [name, ''];
        pending.push(pair);
      }
      this.skipBlankTab();
      if (this.ch() !== '"') throw this.fail(`expected '"' at start of label value, found ${q(this.cur)}`);
      this.readLabelValue();
      const value = this.token;
      if (pair) pair[1] = value;
      if (mf.type === 'summary') {
        if (name === 'quantile') {
          const v = parseGoFloat(value);
          if (v === undefined) throw this.fail(`expected float as value for 'quantile' label, got ${q(value)}`);
          this.quantile = v;
        } else this.currentLabels.set(name, value);
      } else if (mf.type === 'histogram') {
        if (name === 'le') {
          const v = parseGoFloat(value);
          if (v === undefined) throw this.fail(`expected float as value for 'le' label, got ${q(value)}`);
          this.bucket = v;
        } else this.currentLabels.set(name, value);
      }
      this.skipBlankTab();
      if (this.ch() === ',') continue;
      if (this.ch() === '}') break;
      throw this.fail(`unexpected end of label value ${q(value)}`);
    }
    this.metric.labels.push(...pending);
    this.skipBlankTab();
  }

  private signature(): string {
    return JSON.stringify([...this.currentLabels.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
  }

  /** At the first character of the value. Returns with the line's '\n' consumed. */
  private value(mf: Family): void {
    if (mf.type === 'summary' || mf.type === 'histogram') {
      const groups = mf.type === 'summary' ? this.summaries : this.histograms;
      const sig = this.signature();
      const existing = groups.get(sig);
      if (existing) this.metric = existing;
      else {
        groups.set(sig, this.metric);
        mf.metrics.push(this.metric);
      }
    } else mf.metrics.push(this.metric);

    this.readUntilWhitespace();
    const v = parseGoFloat(this.token);
    if (v === undefined) throw this.fail(`expected float as value, got ${q(this.token)}`);
    const m = this.metric;
    switch (mf.type) {
      case 'summary': {
        const s = (m.summary ??= { count: 0, sum: 0, quantiles: [] });
        if (this.summaryCount) s.count = toUint64(v);
        else if (this.summarySum) s.sum = v;
        else if (!Number.isNaN(this.quantile)) s.quantiles.push([this.quantile, v]);
        break;
      }
      case 'histogram': {
        const h = (m.histogram ??= { count: 0, sum: 0, buckets: [] });
        if (this.histogramCount) h.count = toUint64(v);
        else if (this.histogramSum) h.sum = v;
        else if (!Number.isNaN(this.bucket)) h.buckets.push([this.bucket, toUint64(v)]);
        break;
      }
      case 'gaugehistogram':
        throw this.fail(`unexpected type for metric name ${q(mf.name)}`);
      default:
        m.value = v;
    }
    if (this.ch() === '\n') return;

    this.skipBlankTab();
    this.readUntilWhitespace();
    const ts = this.token;
    if (parseGoInt64Base10(ts) === undefined) {
      throw this.fail(`expected integer as timestamp, got ${q(ts)}`);
    }
    m.timestampMs = BigInt(ts);
    this.readUntilNewline(false);
    if (this.token !== '') throw this.fail(`spurious string after timestamp: ${q(this.token)}`);
  }
}

/**
 * Parses a whole exposition. Any syntax error rejects the input (node_exporter then skips the whole file)
 * with a TextParseError naming the line. Families come out in order of first appearance; families that got
 * a HELP or TYPE line but no sample are dropped, as in expfmt.
 */
export function parseTextFormat(text: string): TextFamily[] {
  return new Parser(text).parse();
}
