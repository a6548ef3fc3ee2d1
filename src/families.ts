// Metric families of one collector, reused across scrapes, and their exposition text.
//
// The text is byte for byte what prom-client 15's Registry.metrics() writes for the same Gauge/Counter
// families (HELP/TYPE lines, families separated by a blank line, label order as declared, values as
// JavaScript prints them), but made here: prom-client re-escapes and re-joins every label set on every
// scrape and allocates a WeakMap entry per sample (registry.js flattenSharedLabels), which was about a
// third of a scrape's CPU (measured with bench/). A series keeps its formatted label text from one scrape
// to the next; a series not seen in a scrape is forgotten at the next reset, so memory stays flat and a
// vanished device is not exported again.
import type { Family, FamilyType, SampleFamily } from './collector.ts';

type Kind = 'gauge' | 'counter';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Whether a name is a valid metric name (collectors that make names from kernel text check it first). */
export function isMetricName(name: string): boolean {
  return METRIC_NAME.test(name);
}

/** prom-client's escapeString: HELP text and names. */
function escapeText(s: string): string {
  return s.indexOf('\\') === -1 && s.indexOf('\n') === -1 ? s : s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** prom-client's escapeLabelValue. */
function escapeLabelValue(s: string): string {
  return s.indexOf('\\') === -1 && s.indexOf('\n') === -1 && s.indexOf('"') === -1
    ? s
    : s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** prom-client's getValueAsString. */
export function formatValue(v: number): string {
  // 'NaN' as the text format and Go write it (prom-client writes 'Nan', which Go's parser tolerates but
  // stricter parsers such as OpenMetrics' do not).
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v < 0 ? '-Inf' : '+Inf';
  return `${v}`;
}

/** `{a="x",b="y"}`, or '' without labels. */
function labelText(names: readonly string[], values: readonly string[]): string {
  if (names.length === 0) return '';
  let t = '{';
  for (let i = 0; i < names.length; i++) {
    if (i > 0) t += ',';
    t += `${names[i] as string}="${escapeLabelValue(values[i] as string)}"`;
  }
  return t + '}';
}

function headerText(name: string, help: string, type: string): string {
  const n = escapeText(name);
  return `# HELP ${n} ${escapeText(help)}\n# TYPE ${n} ${type}`;
}

interface Series {
  readonly key: string;
  /** `name{labels} `: everything before the value. */
  readonly prefix: string;
  value: number;
  /** The scrape generation this series last got a value in. */
  gen: number;
}

class NumberFamily implements Family {
  touched = false;
  private readonly index = new Map<string, Series>();
  private order: Series[] = [];
  private gen = 0;
  private readonly header: string;
  private readonly escapedName: string;

  constructor(
    readonly name: string,
    readonly kind: Kind,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    // The checks prom-client's Metric constructor makes.
    if (!help) throw new Error('Missing mandatory help parameter');
    if (!name) throw new Error('Missing mandatory name parameter');
    if (!METRIC_NAME.test(name)) throw new Error('Invalid metric name');
    if (!labelNames.every((l) => LABEL_NAME.test(l))) throw new Error('Invalid label name');
    this.header = headerText(name, help, kind);
    this.escapedName = escapeText(name);
  }

  set(value: number, ...labelValues: string[]): void {
    // A sample that is not a number is dropped: a scrape never carries NaN made from bad input.
    if (Number.isNaN(value)) return;
    if (this.kind === 'counter' && (!Number.isFinite(value) || value < 0)) return;
    const n = this.labelNames.length;
    if (labelValues.length !== n) {
      throw new Error(`${this.name}: got ${labelValues.length} label values for ${n} labels`);
    }
    this.touched = true;
    // An unambiguous key: each value is prefixed with its length.
    let key = '';
    if (n === 1) key = labelValues[0] as string;
    else for (let i = 0; i < n; i++) key += `${(labelValues[i] as string).length}:${labelValues[i] as string}`;
    let s = this.index.get(key);
    if (s === undefined) {
      s = { key, prefix: `${this.escapedName}${labelText(this.labelNames, labelValues)} `, value, gen: this.gen };
      this.index.set(key, s);
      this.order.push(s);
    } else if (s.gen !== this.gen) {
      s.gen = this.gen;
      s.value = value;
      this.order.push(s);
    } else if (this.kind === 'counter') {
      // prom-client's Counter.inc adds up samples of the same series within a scrape; Gauge.set replaces.
      s.value += value;
    } else {
      s.value = value;
    }
  }

  reset(): void {
    if (this.index.size !== this.order.length) {
      for (const s of this.index.values()) if (s.gen !== this.gen) this.index.delete(s.key);
    }
    this.order = [];
    this.gen++;
    this.touched = false;
  }

  text(): string {
    let t = this.header;
    for (const s of this.order) t += `\n${s.prefix}${formatValue(s.value)}`;
    return t;
  }
}

/** A pass-through family: samples with their own names and labels, written as given. */
class RawFamily implements SampleFamily {
  touched = false;
  private lines: string[] = [];
  private readonly header: string;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: FamilyType,
  ) {
    this.header = headerText(name, help, type);
  }

  /** Series already added this scrape: a repeated line in a kernel file must not become a duplicate series. */
  private series = new Set<string>();

  add(sampleName: string, labels: Readonly<Record<string, string>>, value: number): void {
    this.touched = true;
    const names = Object.keys(labels);
    const series = `${sampleName}${labelText(names, names.map((k) => labels[k] as string))}`;
    if (this.series.has(series)) return; // the first one wins
    this.series.add(series);
    this.lines.push(`${series} ${formatValue(value)}`);
  }

  reset(): void {
    this.lines = [];
    this.series = new Set();
    this.touched = false;
  }

  text(): string {
    return `${this.header}\n${this.lines.join('\n')}`;
  }
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export class FamilySet {
  private readonly families = new Map<string, NumberFamily>();
  private readonly raw = new Map<string, RawFamily>();

  /** Forgets the previous scrape's samples: a device that vanished is not exported again. */
  reset(): void {
    for (const f of this.families.values()) f.reset();
    for (const f of this.raw.values()) f.reset();
  }

  samples(name: string, help: string, type: FamilyType): SampleFamily {
    let fam = this.raw.get(name);
    if (fam && fam.type !== type) throw new Error(`metric ${name} declared twice with different types`);
    if (!fam) {
      if (this.families.has(name)) throw new Error(`metric ${name} declared twice`);
      fam = new RawFamily(name, help, type);
      this.raw.set(name, fam);
    }
    return fam;
  }

  get(kind: Kind, name: string, help: string, labelNames: readonly string[] = []): Family {
    const existing = this.families.get(name);
    if (existing) {
      if (existing.kind !== kind || !sameLabels(existing.labelNames, labelNames)) {
        throw new Error(`metric ${name} declared twice with different type or labels`);
      }
      return existing;
    }
    if (this.raw.has(name)) throw new Error(`metric ${name} declared twice`);
    const fam = new NumberFamily(name, kind, help, [...labelNames]);
    this.families.set(name, fam);
    return fam;
  }

  /** The families that got samples since the last reset, each as [name, exposition text]. */
  texts(): [name: string, text: string][] {
    const out: [string, string][] = [];
    for (const f of this.families.values()) if (f.touched) out.push([f.name, f.text()]);
    for (const f of this.raw.values()) if (f.touched) out.push([f.name, f.text()]);
    return out;
  }

  /** Exposition text of the families that got samples since the last reset ('' if none). */
  text(): string {
    return joinFamilies(this.texts().map(([, text]) => text));
  }
}

/** Joins family texts as prom-client lays them out: a blank line between families, a final newline. */
export function joinFamilies(texts: readonly string[]): string {
  return texts.length > 0 ? `${texts.join('\n\n')}\n` : '';
}
