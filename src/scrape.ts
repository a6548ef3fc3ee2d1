// One scrape: run the selected collectors concurrently, isolate their failures, report success and
// duration per collector, and assemble the exposition text.
import { setImmediate } from 'node:timers';
import type { Registry } from 'prom-client';
import type { Collector, CollectorContext } from './collector.ts';
import { NoDataError } from './collector.ts';
import { exporterMetricsText } from './exporterMetrics.ts';
import { FamilySet, formatValue, joinFamilies } from './families.ts';
import type { Paths } from './kernel/kernelFs.ts';
import { createKernelFs } from './kernel/kernelFs.ts';
import { StuckReadError } from './kernel/readErrors.ts';
import type { KernelFs } from './kernel/kernelFs.ts';
import type { Logger } from './log.ts';

/** Serialises the scrapes of one collector: its families are reset, filled and written as one step. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

interface Slot {
  readonly name: string;
  readonly collector: Collector;
  readonly families: FamilySet;
  readonly mutex: Mutex;
  /** Whether a run that missed its scrape's deadline is still going: new scrapes do not queue behind it. */
  overdue: boolean;
  /** The message of the failure last logged, so a persistent failure is logged once, not every scrape. */
  lastFailure: string | undefined;
}

/** The collector whose families are passed through from files, and yield to every other's. */
const PASS_THROUGH = 'textfile';

interface Outcome {
  readonly name: string;
  /** The collector's families, [name, exposition text]; none when it failed. */
  readonly families: readonly (readonly [string, string])[];
  readonly seconds: number;
  readonly success: boolean;
}

export class FilterError extends Error {}

/** Applies node_exporter's collect[] / exclude[] query parameters to the enabled collector names. */
export function selectCollectors(enabled: readonly string[], include: readonly string[], exclude: readonly string[]): string[] {
  if (include.length > 0 && exclude.length > 0) throw new FilterError('collect[] and exclude[] cannot be used together');
  for (const n of [...include, ...exclude]) {
    if (!enabled.includes(n)) throw new FilterError(`missing collector: ${n}`);
  }
  if (include.length > 0) return enabled.filter((n) => include.includes(n));
  if (exclude.length > 0) return enabled.filter((n) => !exclude.includes(n));
  return [...enabled];
}

/** What a collector still running at its scrape's deadline is reported as (and logged, once). */
export const DEADLINE_MESSAGE = 'collector did not finish before the scrape deadline';

/** The scrape deadline without X-Prometheus-Scrape-Timeout-Seconds: a little under Prometheus' default 10 s timeout. */
export const DEFAULT_SCRAPE_TIMEOUT_SECONDS = 9.5;

export class Scraper {
  private readonly slots: Slot[];
  readonly kernel: KernelFs;

  constructor(
    collectors: ReadonlyMap<string, Collector>,
    private readonly paths: Paths,
    private readonly log: Logger,
    /** Exporter self-metrics (process_*, nodejs_*), or undefined when disabled. */
    /** The exporter's own metrics, served after the collectors' (undefined: --web.disable-exporter-metrics). */
    readonly exporterRegistry: Registry | undefined,
    /** Seconds a scrape may take when its request does not say (--web.scrape-timeout). */
    private readonly defaultTimeoutSeconds: number = DEFAULT_SCRAPE_TIMEOUT_SECONDS,
  ) {
    this.kernel = createKernelFs(paths);
    this.slots = [...collectors.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, collector]) => ({ name, collector, families: new FamilySet(), mutex: new Mutex(), overdue: false, lastFailure: undefined }));
  }

  get collectorNames(): string[] {
    return this.slots.map((s) => s.name);
  }

  /**
   * One scrape of the named collectors. Concurrent requests for the same collectors share scrapes: a
   * scrape starts one event-loop turn after the first request that asked for it, so every request that
   * arrived by then (on other connections) joins it; a request that arrives while a scrape is reading
   * waits for the next one. Every answer was read after its request came in, and N clients scraping at
   * once cost about one scrape, not N. (The file reads are synchronous, so without that turn a scrape
   * would finish before the next request is even parsed, and nothing would be shared.)
   */
  scrape(names: readonly string[] = this.collectorNames, timeoutSeconds: number = this.defaultTimeoutSeconds): Promise<string> {
    // A collector still running at the deadline is reported failed; the rest is served on time.
    const deadline = performance.now() + timeoutSeconds * 1000;
    const key = names.join(',');
    const waiting = this.waiting.get(key);
    if (waiting !== undefined) return waiting;
    const previous = this.reading.get(key);
    const next = (previous ?? Promise.resolve(''))
      .then(undefined, () => '')
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => {
        this.waiting.delete(key);
        const run = this.scrapeNow(names, deadline);
        this.reading.set(key, run);
        const done = (): void => {
          if (this.reading.get(key) === run) this.reading.delete(key);
        };
        run.then(done, done);
        return run;
      });
    this.waiting.set(key, next);
    return next;
  }

  /** Per collector selection: the scrape that still takes joiners, and the one reading files. */
  private readonly waiting = new Map<string, Promise<string>>();
  private readonly reading = new Map<string, Promise<string>>();

  private async scrapeNow(names: readonly string[], deadline: number): Promise<string> {
    const selected = this.slots.filter((s) => names.includes(s.name));
    // One timer for the scrape: at the deadline it cuts every collector still running.
    const cuts = new Set<() => void>();
    const timer = setTimeout(() => {
      for (const cut of cuts) cut();
    }, Math.max(0, deadline - performance.now()));
    let outcomes: Outcome[];
    try {
      outcomes = await Promise.all(selected.map((s) => this.runOne(s, deadline, cuts)));
    } finally {
      clearTimeout(timer);
    }
    const parts = this.withoutDuplicates(outcomes).filter((t) => t !== '');
    parts.push(scrapeMetaText(outcomes));
    if (this.exporterRegistry) parts.push(await exporterMetricsText(this.exporterRegistry));
    return parts.join('');
  }

  /** One collector's part of a scrape, cut at the deadline: a run still going then is reported failed. */
  private runOne(slot: Slot, deadline: number, cuts: Set<() => void>): Promise<Outcome> {
    const start = performance.now();
    const late = (): Outcome => {
      this.reportFailure(slot, new Error(DEADLINE_MESSAGE));
      return { name: slot.name, families: [], seconds: (performance.now() - start) / 1000, success: false };
    };
    // A run from an earlier scrape is still waiting on a read: this scrape does not queue behind it.
    if (slot.overdue) return Promise.resolve(late());
    const run = slot.mutex.run(() => this.update(slot, deadline));
    return new Promise<Outcome>((resolve) => {
      const cut = (): void => {
        cuts.delete(cut);
        slot.overdue = true;
        const over = (): void => {
          slot.overdue = false;
        };
        run.then(over, over);
        resolve(late());
      };
      cuts.add(cut);
      run.then((o) => {
        if (!cuts.delete(cut)) return; // already cut at the deadline
        resolve(o);
      });
    });
  }

  private async update(slot: Slot, deadline: number): Promise<Outcome> {
    const start = performance.now();
    slot.families.reset();
    const ctx: CollectorContext = {
      paths: this.paths,
      kernel: this.kernel,
      deadline,
      log: this.log,
      gauge: (name, help, labels) => slot.families.get('gauge', name, help, labels),
      counter: (name, help, labels) => slot.families.get('counter', name, help, labels),
      samples: (name, help, type) => slot.families.samples(name, help, type),
    };
    let success = true;
    try {
      await slot.collector.update(ctx);
      if (slot.lastFailure !== undefined) {
        this.log.info('collector recovered', { collector: slot.name });
        slot.lastFailure = undefined;
      }
    } catch (err) {
      success = false;
      this.reportFailure(slot, err);
    }
    // A failed collector exports nothing at all, never a half-filled family.
    const families = success ? slot.families.texts() : [];
    if (!success) slot.families.reset();
    return { name: slot.name, families, seconds: (performance.now() - start) / 1000, success };
  }

  /**
   * Each collector's text, with every metric family served once: two families of one name would make
   * the exposition invalid (Prometheus rejects the whole scrape). The textfile collector's families
   * yield to the built-in collectors' (a *.prom file defining node_load1 loses, as in node_exporter);
   * between built-in collectors the first in name order keeps it. A collision is logged once.
   */
  private withoutDuplicates(outcomes: readonly Outcome[]): string[] {
    const owner = new Map<string, string>();
    const byPriority = [...outcomes.filter((o) => o.name !== PASS_THROUGH), ...outcomes.filter((o) => o.name === PASS_THROUGH)];
    for (const o of byPriority) {
      for (const [family] of o.families) {
        const first = owner.get(family);
        if (first === undefined) {
          owner.set(family, o.name);
        } else if (first !== o.name) {
          const key = `${o.name}/${family}`;
          if (!this.loggedCollisions.has(key)) {
            this.loggedCollisions.add(key);
            this.log.warn('metric family already served by another collector: dropped', { collector: o.name, family, servedBy: first });
          }
        }
      }
    }
    return outcomes.map((o) => joinFamilies(o.families.filter(([family]) => owner.get(family) === o.name).map(([, text]) => text)));
  }

  private readonly loggedCollisions = new Set<string>();

  private reportFailure(slot: Slot, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    const fields = { collector: slot.name, err: message };
    // A missed deadline and the stuck read behind it are one failure: logged once, until the collector recovers.
    const kind = err instanceof StuckReadError ? DEADLINE_MESSAGE : message;
    if (err instanceof NoDataError) {
      this.log.debug('collector returned no data', fields);
    } else if (slot.lastFailure === kind) {
      this.log.debug('collector failed again', fields);
    } else {
      this.log.error('collector failed', fields);
    }
    slot.lastFailure = kind;
  }
}

const DURATION_HEADER =
  '# HELP node_scrape_collector_duration_seconds node_exporter: Duration of a collector scrape.\n# TYPE node_scrape_collector_duration_seconds gauge';
const SUCCESS_HEADER = '# HELP node_scrape_collector_success node_exporter: Whether a collector succeeded.\n# TYPE node_scrape_collector_success gauge';

/** node_scrape_collector_{duration_seconds,success}, formatted as prom-client formats two gauges. */
function scrapeMetaText(outcomes: readonly Outcome[]): string {
  if (outcomes.length === 0) return '';
  let duration = DURATION_HEADER;
  let success = SUCCESS_HEADER;
  for (const o of outcomes) {
    duration += `\nnode_scrape_collector_duration_seconds{collector="${o.name}"} ${formatValue(o.seconds)}`;
    success += `\nnode_scrape_collector_success{collector="${o.name}"} ${o.success ? 1 : 0}`;
  }
  return `${duration}\n\n${success}\n`;
}
