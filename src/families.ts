// Metric families of one collector, backed by prom-client and reused across scrapes.
import { Counter, Gauge, Registry } from 'prom-client';
import type { Family, FamilyType, SampleFamily } from './collector.ts';

type Kind = 'gauge' | 'counter';
type PromMetric = Gauge<string> | Counter<string>;

class PromFamily implements Family {
  touched = false;
  constructor(
    readonly name: string,
    readonly kind: Kind,
    readonly help: string,
    readonly labelNames: readonly string[],
    readonly metric: PromMetric,
  ) {}

  set(value: number, ...labelValues: string[]): void {
    // A sample that is not a number is dropped: a scrape never carries NaN made from bad input.
    if (Number.isNaN(value)) return;
    if (this.kind === 'counter' && (!Number.isFinite(value) || value < 0)) return;
    if (labelValues.length !== this.labelNames.length) {
      throw new Error(`${this.name}: got ${labelValues.length} label values for ${this.labelNames.length} labels`);
    }
    this.touched = true;
    if (this.labelNames.length === 0) {
      if (this.metric instanceof Gauge) this.metric.set(value);
      else this.metric.inc(value);
      return;
    }
    const labels: Record<string, string> = {};
    for (let i = 0; i < labelValues.length; i++) labels[this.labelNames[i] as string] = labelValues[i] as string;
    if (this.metric instanceof Gauge) this.metric.set(labels, value);
    else this.metric.inc(labels, value);
  }
}

interface RawSample {
  metricName: string;
  labels: Record<string, string>;
  value: number;
}

/** A pass-through family; prom-client's Registry formats it like any of its own metrics. */
class RawFamily implements SampleFamily {
  touched = false;
  private values: RawSample[] = [];
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: FamilyType,
  ) {}

  add(sampleName: string, labels: Readonly<Record<string, string>>, value: number): void {
    this.touched = true;
    this.values.push({ metricName: sampleName, labels: { ...labels }, value });
  }

  reset(): void {
    this.values = [];
  }

  get(): { name: string; help: string; type: FamilyType; values: RawSample[]; aggregator: string } {
    return { name: this.name, help: this.help, type: this.type, values: this.values, aggregator: 'sum' };
  }
}

function sameLabels(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export class FamilySet {
  private readonly families = new Map<string, PromFamily>();
  private readonly raw = new Map<string, RawFamily>();

  /** Forgets the previous scrape's samples: a device that vanished is not exported again. */
  reset(): void {
    for (const f of this.families.values()) {
      if (f.touched) f.metric.reset();
      f.touched = false;
    }
    for (const f of this.raw.values()) {
      f.reset();
      f.touched = false;
    }
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
    if (this.raw.has(name)) throw new Error(`metric ${name} declared twice`);
    const existing = this.families.get(name);
    if (existing) {
      if (existing.kind !== kind || !sameLabels(existing.labelNames, labelNames)) {
        throw new Error(`metric ${name} declared twice with different type or labels`);
      }
      return existing;
    }
    const config = { name, help, labelNames: [...labelNames], registers: [] };
    const metric = kind === 'gauge' ? new Gauge(config) : new Counter(config);
    const fam = new PromFamily(name, kind, help, labelNames, metric);
    this.families.set(name, fam);
    return fam;
  }

  /** Exposition text of the families that got samples since the last reset ('' if none). */
  async text(): Promise<string> {
    const reg = new Registry();
    let any = false;
    for (const f of this.families.values()) {
      if (!f.touched) continue;
      reg.registerMetric(f.metric);
      any = true;
    }
    for (const f of this.raw.values()) {
      if (!f.touched) continue;
      // prom-client's Registry only needs name and get() from a metric.
      reg.registerMetric(f as unknown as Gauge<string>);
      any = true;
    }
    return any ? reg.metrics() : '';
  }
}
