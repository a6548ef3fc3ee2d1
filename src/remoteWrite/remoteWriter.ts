// Push: every interval, one scrape through the same Scraper as /metrics, stamped with its collection
// time, parsed once into a compact interval (series.ts) and queued for every receiver, which encodes and
// compresses it when it sends it; the metadata (type and help of each family) in separate requests every
// metadata interval, as Prometheus sends it. Nothing here is on the /metrics path: a slow or dead receiver
// only fills its own queue.
import type { Logger } from '../log.ts';
import type { RemoteWriteConfig } from './config.ts';
import { Receiver } from './receiver.ts';
import { SeriesTable } from './series.ts';
import { snappy } from './snappy.ts';
import type { MetricMetadata } from './writeRequest.ts';
import { encodeWriteRequest } from './writeRequest.ts';

/** One scrape of the enabled collectors, as exposition text (Scraper.scrape). */
export type ScrapeFn = () => Promise<string>;

export interface PushResult {
  readonly samples: number;
  /** Bytes the queued push holds. */
  readonly bytes: number;
}

export class RemoteWriter {
  private receivers: Receiver[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pushing: Promise<PushResult | undefined> | undefined;
  private stopped = false;
  /** Per receiver name: when its metadata was last queued. */
  private readonly metadataSentAt = new Map<string, number>();
  private lastScrapeError: string | undefined;
  private table: SeriesTable;

  constructor(
    private config: RemoteWriteConfig,
    private readonly scrape: ScrapeFn,
    private readonly log: Logger,
    private readonly userAgent: string,
  ) {
    this.receivers = config.receivers.map((r) => new Receiver(r, log, userAgent));
    this.table = new SeriesTable(config.externalLabels);
  }

  get intervalMs(): number {
    return this.config.intervalMs;
  }

  /** The receivers, in configuration order (for the self-metrics). */
  get all(): readonly Receiver[] {
    return this.receivers;
  }

  /** Pushes at once, then every interval. */
  start(): void {
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const started = Date.now();
      void this.push().finally(() => {
        // The next push one interval after this one began; a push that overran skips the missed ticks.
        const elapsed = Date.now() - started;
        this.schedule(this.config.intervalMs - (elapsed % this.config.intervalMs));
      });
    }, delayMs);
    // The listeners keep the process alive; a push timer alone must not.
    this.timer.unref();
  }

  /**
   * One scrape, queued for every receiver. A push still running when the next is due is not doubled:
   * the caller gets the running one.
   */
  push(): Promise<PushResult | undefined> {
    this.pushing ??= this.pushNow().finally(() => {
      this.pushing = undefined;
    });
    return this.pushing;
  }

  private async pushNow(): Promise<PushResult | undefined> {
    const timestampMs = Date.now();
    let text: string;
    try {
      text = await this.scrape();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (message !== this.lastScrapeError) this.log.error('remote write: scrape failed, nothing pushed this interval', { err: message });
      this.lastScrapeError = message;
      return undefined;
    }
    this.lastScrapeError = undefined;
    const metadataDue = (r: Receiver): boolean => r.metadataIntervalMs > 0 && timestampMs - (this.metadataSentAt.get(r.name) ?? -Infinity) >= r.metadataIntervalMs;
    const scraped = this.table.parse(text, timestampMs, this.receivers.some(metadataDue));
    if (scraped.skipped > 0) this.log.debug('remote write: sample lines that did not parse were skipped', { lines: scraped.skipped });
    const entry = scraped.interval;
    let metadata: Buffer | undefined;
    for (const r of this.receivers) {
      r.enqueue(entry);
      if (scraped.metadata !== undefined && metadataDue(r)) {
        metadata ??= metadataRequest(scraped.metadata);
        this.metadataSentAt.set(r.name, timestampMs);
        r.setMetadata(metadata);
      }
    }
    return { samples: entry.samples, bytes: entry.bytes };
  }

  /**
   * A new configuration (SIGHUP): receivers of the same name keep their queue and counts, new ones
   * start empty, removed ones are stopped at once. The push interval restarts.
   */
  reload(config: RemoteWriteConfig): void {
    const old = new Map(this.receivers.map((r) => [r.name, r]));
    this.receivers = config.receivers.map((rc) => {
      const kept = old.get(rc.name);
      old.delete(rc.name);
      if (kept === undefined) return new Receiver(rc, this.log, this.userAgent);
      kept.reconfigure(rc);
      return kept;
    });
    for (const gone of old.values()) {
      this.metadataSentAt.delete(gone.name);
      void gone.stop(0);
    }
    const intervalChanged = config.intervalMs !== this.config.intervalMs;
    if (JSON.stringify(config.externalLabels) !== JSON.stringify(this.config.externalLabels)) this.table = new SeriesTable(config.externalLabels);
    this.config = config;
    if (intervalChanged && this.timer !== undefined) this.schedule(config.intervalMs);
  }

  /** No more pushes; each receiver sends what it can within deadlineMs. */
  async stop(deadlineMs: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pushing;
    await Promise.all(this.receivers.map((r) => r.stop(deadlineMs)));
  }
}

function metadataRequest(metadata: readonly MetricMetadata[]): Buffer {
  return snappy(encodeWriteRequest({ timeseries: [], metadata }));
}
