// The bounded queue of one receiver: each push is one entry (an Interval: the push's values, held
// compactly, series.ts), sent oldest first, one at a time, so each series' samples arrive in order. The
// bound is in samples; when a new push does not fit, the oldest entries go first, and that is counted.
// Entries are shared by the queues of all receivers: a push is held once however many receivers wait.

export interface QueueEntry {
  readonly samples: number;
  /** Collection time of the push, in milliseconds since the epoch. */
  readonly timestampMs: number;
  /** Bytes the entry holds while queued. */
  readonly bytes: number;
  /** The request to send: a snappy-compressed WriteRequest, made when it is sent. */
  body(): Buffer;
}

export class SampleQueue {
  private entries: QueueEntry[] = [];
  private pending = 0;

  constructor(private cap: number) {}

  get capacity(): number {
    return this.cap;
  }

  /** Samples waiting (the entry being sent included). */
  get pendingSamples(): number {
    return this.pending;
  }

  get length(): number {
    return this.entries.length;
  }

  /** Bytes held by the waiting entries. */
  get bytes(): number {
    let n = 0;
    for (const e of this.entries) n += e.bytes;
    return n;
  }

  /** The oldest entry, which is the next to send. */
  peek(): QueueEntry | undefined {
    return this.entries[0];
  }

  /**
   * Adds a push, dropping the oldest entries until it fits. Returns the samples dropped: those of the
   * entries pushed out, or the new entry's own if it alone is larger than the capacity.
   */
  push(entry: QueueEntry): number {
    if (entry.samples > this.cap) return entry.samples;
    let dropped = 0;
    while (this.pending + entry.samples > this.cap) {
      const old = this.entries.shift();
      if (old === undefined) break;
      this.pending -= old.samples;
      dropped += old.samples;
    }
    this.entries.push(entry);
    this.pending += entry.samples;
    return dropped;
  }

  /** Removes an entry (sent, or refused by the receiver); false if it is no longer queued. */
  remove(entry: QueueEntry): boolean {
    const i = this.entries.indexOf(entry);
    if (i < 0) return false;
    this.entries.splice(i, 1);
    this.pending -= entry.samples;
    return true;
  }

  /** A new capacity (SIGHUP); the oldest entries beyond it are dropped. Returns the samples dropped. */
  resize(capacity: number): number {
    this.cap = capacity;
    let dropped = 0;
    while (this.pending > this.cap) {
      const old = this.entries.shift();
      if (old === undefined) break;
      this.pending -= old.samples;
      dropped += old.samples;
    }
    return dropped;
  }
}
