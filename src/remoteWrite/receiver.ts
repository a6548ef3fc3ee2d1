// One receiver: its queue and the loop that empties it, oldest first and one request at a time, with
// exponential backoff and jitter between retries (or the receiver's Retry-After), a refused request
// logged once and dropped, and counts of everything for the self-metrics.
import type { Logger } from '../log.ts';
import { RemoteWriteClient } from './client.ts';
import type { SendOutcome } from './client.ts';
import type { ReceiverConfig } from './config.ts';
import { SampleQueue } from './queue.ts';
import type { QueueEntry } from './queue.ts';

/** Counts behind the self-metrics; they only grow (pending and capacity come from the queue). */
export interface ReceiverStats {
  /** Samples the receiver accepted. */
  sent: number;
  /** Samples the receiver refused (4xx other than 429): dropped, not retried. */
  failed: number;
  /** Samples sent again after a retryable failure (each retry counts them once more). */
  retried: number;
  /** Samples pushed out of a full queue, oldest first. */
  dropped: number;
  /** Compressed bytes of the requests the receiver accepted, metadata included. */
  bytes: number;
  /** Requests made, per outcome: sent, retry, drop. */
  requests: { sent: number; retry: number; drop: number };
  /** Wall-clock milliseconds of the last accepted request; 0: none yet. */
  lastSuccessMs: number;
  /** Collection time of the newest sample accepted; 0: none yet. */
  highestSentMs: number;
}

/** What the loop sends next: a push from the queue, or the latest metadata. */
type Job = { readonly kind: 'samples'; readonly entry: QueueEntry } | { readonly kind: 'metadata'; readonly body: Buffer };

export class Receiver {
  readonly queue: SampleQueue;
  readonly stats: ReceiverStats = { sent: 0, failed: 0, retried: 0, dropped: 0, bytes: 0, requests: { sent: 0, retry: 0, drop: 0 }, lastSuccessMs: 0, highestSentMs: 0 };
  private client: RemoteWriteClient;
  private metadata: Buffer | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  /** Wakes a backoff sleep early (stop, or a new push while the queue was empty). */
  private wake: (() => void) | undefined;
  private backoffMs: number;
  /** Set while retrying: the first failure of a streak is logged as a warning, the rest at debug level. */
  private failingSince: number | undefined;
  /** Statuses already logged as refusals since the last success. */
  private readonly refusalsLogged = new Set<number>();
  private capacityWarned = false;
  /** The push being sent (or retried) and its request bytes. */
  private encoded: { readonly entry: QueueEntry; readonly body: Buffer } | undefined;

  constructor(
    private config: ReceiverConfig,
    private readonly log: Logger,
    private readonly userAgent: string,
  ) {
    this.queue = new SampleQueue(config.queue.capacity);
    this.client = new RemoteWriteClient(config, userAgent);
    this.backoffMs = config.queue.minBackoffMs;
  }

  get name(): string {
    return this.config.name;
  }

  get url(): string {
    return this.config.url.href;
  }

  get metadataIntervalMs(): number {
    return this.config.metadataIntervalMs;
  }

  /** A new configuration for the same receiver (SIGHUP): new client and limits, the queue kept. */
  reconfigure(config: ReceiverConfig): void {
    this.config = config;
    const old = this.client;
    this.client = new RemoteWriteClient(config, this.userAgent);
    old.close();
    this.backoffMs = Math.min(Math.max(this.backoffMs, config.queue.minBackoffMs), config.queue.maxBackoffMs);
    this.countDropped(this.queue.resize(config.queue.capacity));
    this.kick();
  }

  /** Queues one push and starts sending. */
  enqueue(entry: QueueEntry): void {
    if (this.closed) return;
    if (entry.samples > this.queue.capacity && !this.capacityWarned) {
      this.capacityWarned = true;
      this.log.error('remote write: one push is larger than queue_config.capacity, so every push is dropped', { remote_name: this.name, samples: entry.samples, capacity: this.queue.capacity });
    }
    this.countDropped(this.queue.push(entry));
    this.kick();
  }

  /** The metadata to send before the next push; replaces any not sent yet. */
  setMetadata(body: Buffer): void {
    if (this.closed) return;
    this.metadata = body;
    this.kick();
  }

  private countDropped(samples: number): void {
    if (samples === 0) return;
    this.stats.dropped += samples;
    this.log.debug('remote write: queue full, dropped the oldest samples', { remote_name: this.name, samples });
  }

  private kick(): void {
    if (this.running === undefined) {
      this.running = this.loop().finally(() => {
        this.running = undefined;
      });
    }
  }

  private next(): Job | undefined {
    if (this.metadata !== undefined) return { kind: 'metadata', body: this.metadata };
    const entry = this.queue.peek();
    return entry === undefined ? undefined : { kind: 'samples', entry };
  }

  private async loop(): Promise<void> {
    while (!this.closed) {
      const job = this.next();
      if (job === undefined) return;
      const body = job.kind === 'samples' ? this.bodyOf(job.entry) : job.body;
      if (body === undefined) continue;
      const outcome = await this.client.send(body);
      if (this.closed) return;
      this.stats.requests[outcome.kind]++;
      if (outcome.kind === 'retry') {
        if (job.kind === 'samples') this.stats.retried += job.entry.samples;
        this.retrying(outcome);
        await this.sleep(this.nextWait(outcome.retryAfterMs));
        continue;
      }
      // Sent or refused, it leaves the queue (unless a full queue pushed it out meanwhile: counted there).
      if (job.kind === 'samples' && this.encoded?.entry === job.entry) this.encoded = undefined;
      const stillQueued = job.kind === 'samples' ? this.queue.remove(job.entry) : false;
      if (job.kind === 'metadata' && this.metadata === job.body) this.metadata = undefined;
      if (outcome.kind === 'sent') {
        this.stats.bytes += body.length;
        this.stats.lastSuccessMs = Date.now();
        if (job.kind === 'samples') {
          // Pushed out of a full queue while in flight, it was counted as dropped; it arrived after all.
          if (!stillQueued) this.stats.dropped -= job.entry.samples;
          this.stats.sent += job.entry.samples;
          this.stats.highestSentMs = Math.max(this.stats.highestSentMs, job.entry.timestampMs);
        }
        this.succeeded();
      } else {
        if (job.kind === 'samples' && stillQueued) this.stats.failed += job.entry.samples;
        this.refused(outcome, job.kind);
      }
    }
  }

  /**
   * The request of a queued push, encoded when it is first sent and kept while it is retried. An entry
   * that cannot be encoded (it never happens: series.ts checks every value and timestamp) is logged,
   * dropped and counted as failed rather than blocking the queue.
   */
  private bodyOf(entry: QueueEntry): Buffer | undefined {
    if (this.encoded?.entry === entry) return this.encoded.body;
    try {
      this.encoded = { entry, body: entry.body() };
      return this.encoded.body;
    } catch (err) {
      this.encoded = undefined;
      if (this.queue.remove(entry)) this.stats.failed += entry.samples;
      this.log.error('remote write: a queued push could not be encoded, dropped', { remote_name: this.name, err: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
  }

  private succeeded(): void {
    this.backoffMs = this.config.queue.minBackoffMs;
    this.refusalsLogged.clear();
    if (this.failingSince !== undefined) {
      this.log.info('remote write: receiver reachable again', { remote_name: this.name, failing_for: `${((Date.now() - this.failingSince) / 1000).toFixed(1)}s`, pending: this.queue.pendingSamples });
      this.failingSince = undefined;
    }
  }

  private refused(outcome: Extract<SendOutcome, { kind: 'drop' }>, what: string): void {
    const fields = { remote_name: this.name, url: this.url, status: outcome.status, err: outcome.reason, what };
    if (this.refusalsLogged.has(outcome.status)) {
      this.log.debug('remote write: request refused again, dropped', fields);
    } else {
      this.refusalsLogged.add(outcome.status);
      this.log.error('remote write: request refused by the receiver, dropped and not retried (logged once until a request succeeds)', fields);
    }
  }

  private retrying(outcome: Extract<SendOutcome, { kind: 'retry' }>): void {
    const fields = { remote_name: this.name, url: this.url, err: outcome.reason, pending: this.queue.pendingSamples };
    if (this.failingSince === undefined) {
      this.failingSince = Date.now();
      this.log.warn('remote write: send failed, retrying with backoff (logged once until it recovers)', fields);
    } else {
      this.log.debug('remote write: send failed again', fields);
    }
  }

  /** The wait before the next attempt: Retry-After if given, else the backoff with jitter (half to all of it), then doubled. */
  private nextWait(retryAfterMs: number | undefined): number {
    const q = this.config.queue;
    const current = this.backoffMs;
    this.backoffMs = Math.min(current * 2, q.maxBackoffMs);
    if (retryAfterMs !== undefined) return retryAfterMs;
    return current / 2 + Math.random() * (current / 2);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  /**
   * Sends what it can until the queue is empty or deadlineMs has passed, then stops for good: a request
   * still open is cut off and what remains queued is lost (and logged).
   */
  async stop(deadlineMs: number): Promise<void> {
    if (this.closed) return;
    const flushed = this.running ?? Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadlineMs);
    });
    // A backoff sleep is cut short: a flush tries at once.
    this.wake?.();
    await Promise.race([flushed, deadline]);
    clearTimeout(timer);
    this.closed = true;
    this.encoded = undefined;
    this.wake?.();
    this.client.close();
    if (this.queue.pendingSamples > 0) this.log.warn('remote write: samples not sent before shutdown', { remote_name: this.name, samples: this.queue.pendingSamples });
  }
}
