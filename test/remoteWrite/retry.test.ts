// What is retried and how: a loopback HTTP server answers a receiver's requests with chosen statuses
// (a real receiver cannot be made to answer 503 or 429 on demand). The requests it saw are counted.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { uncompress } from 'snappyjs';
import { parseRetryAfter } from '../../src/remoteWrite/client.ts';
import type { ReceiverConfig } from '../../src/remoteWrite/config.ts';
import { Receiver } from '../../src/remoteWrite/receiver.ts';
import { decodeWriteRequest } from '../helpers/remoteWrite.ts';
import { recordingLogger } from '../helpers/scrape.ts';

interface Seen {
  readonly at: number;
  readonly stamp: number;
}

let server: Server | undefined;
afterEach(() => server?.close());

/** Answers the n-th request with answers[n] (the last one repeats); records each request's push timestamp. */
async function scripted(answers: readonly { status: number; headers?: Record<string, string> }[]): Promise<{ url: URL; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const wr = decodeWriteRequest(uncompress(Buffer.concat(chunks)));
      seen.push({ at: performance.now(), stamp: wr.timeseries[0]?.samples[0]?.timestampMs ?? -1 });
      const a = answers[Math.min(seen.length - 1, answers.length - 1)]!;
      res.writeHead(a.status, a.headers ?? {});
      res.end(a.status >= 300 ? `status ${a.status}` : '');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: new URL(`http://127.0.0.1:${(server!.address() as { port: number }).port}/api/v1/write`), seen };
}

function config(url: URL, queue: Partial<ReceiverConfig['queue']> = {}): ReceiverConfig {
  return { name: 'test', url, timeoutMs: 2_000, headers: {}, tls: undefined, queue: { capacity: 1_000, minBackoffMs: 20, maxBackoffMs: 100, retryOn429: true, ...queue }, metadataIntervalMs: 0 };
}

/** A one-series push stamped t, as the push path queues it. */
async function push(t: number) {
  const { SeriesTable } = await import('../../src/remoteWrite/series.ts');
  return new SeriesTable([]).parse('x 1\n', t, false).interval;
}

async function drained(r: Receiver, ms = 5_000): Promise<void> {
  for (const end = Date.now() + ms; r.queue.pendingSamples > 0 && Date.now() < end; ) await new Promise((res) => setTimeout(res, 10));
}

describe('Receiver retries', () => {
  it('retries 5xx and 429 with backoff, keeps order, and honours Retry-After', async () => {
    const { url, seen } = await scripted([{ status: 503 }, { status: 500 }, { status: 429, headers: { 'Retry-After': '1' } }, { status: 204 }]);
    const log = recordingLogger();
    const r = new Receiver(config(url), log, 'test');
    for (const t of [1, 2, 3]) r.enqueue(await push(t));
    await drained(r);
    expect(seen.map((s) => s.stamp)).toEqual([1, 1, 1, 1, 2, 3]);
    // The fourth attempt came no earlier than the Retry-After second after the 429.
    expect(seen[3]!.at - seen[2]!.at).toBeGreaterThanOrEqual(990);
    expect(r.stats).toMatchObject({ sent: 3, retried: 3, failed: 0, dropped: 0, requests: { sent: 3, retry: 3, drop: 0 } });
    expect(log.lines.filter((l) => l.startsWith('warn'))).toHaveLength(1);
    expect(log.lines.some((l) => l.startsWith('info remote write: receiver reachable again'))).toBe(true);
    await r.stop(100);
  });

  it('drops a 4xx at once and goes on with the next push', async () => {
    const { url, seen } = await scripted([{ status: 400 }, { status: 413 }, { status: 204 }]);
    const log = recordingLogger();
    const r = new Receiver(config(url), log, 'test');
    for (const t of [1, 2, 3]) r.enqueue(await push(t));
    await drained(r);
    expect(seen.map((s) => s.stamp)).toEqual([1, 2, 3]);
    expect(r.stats).toMatchObject({ sent: 1, failed: 2, retried: 0, requests: { sent: 1, retry: 0, drop: 2 } });
    // Each status logged once (at error), until a request succeeds.
    expect(log.lines.filter((l) => l.startsWith('error'))).toHaveLength(2);
    await r.stop(100);
  });

  it('with retry_on_http_429: false, a 429 is dropped like any 4xx', async () => {
    const { url, seen } = await scripted([{ status: 429 }, { status: 204 }]);
    const r = new Receiver(config(url, { retryOn429: false }), recordingLogger(), 'test');
    for (const t of [1, 2]) r.enqueue(await push(t));
    await drained(r);
    expect(seen.map((s) => s.stamp)).toEqual([1, 2]);
    expect(r.stats).toMatchObject({ sent: 1, failed: 1, retried: 0 });
    await r.stop(100);
  });
});

describe('Receiver and the compact queue', () => {
  it('encodes a push once, when it is first sent, and resends the same bytes on each retry', async () => {
    const { url, seen } = await scripted([{ status: 503 }, { status: 500 }, { status: 204 }]);
    const r = new Receiver(config(url), recordingLogger(), 'test');
    const interval = await push(7);
    let encodes = 0;
    const counted = {
      samples: interval.samples,
      timestampMs: interval.timestampMs,
      bytes: interval.bytes,
      body: (): Buffer => {
        encodes++;
        return interval.body();
      },
    };
    r.enqueue(counted);
    await drained(r);
    expect(seen.map((s) => s.stamp)).toEqual([7, 7, 7]);
    expect(encodes).toBe(1);
    expect(r.stats).toMatchObject({ sent: 1, retried: 2 });
    await r.stop(100);
  });

  it('drops and counts a push that cannot be encoded, and goes on with the next', async () => {
    const { url, seen } = await scripted([{ status: 204 }]);
    const log = recordingLogger();
    const r = new Receiver(config(url), log, 'test');
    const broken = {
      samples: 3,
      timestampMs: 1,
      bytes: 24,
      body: (): Buffer => {
        throw new RangeError('timestamp 1.5 is not a whole number of milliseconds');
      },
    };
    r.enqueue(broken);
    r.enqueue(await push(2));
    await drained(r);
    expect(seen.map((s) => s.stamp)).toEqual([2]);
    expect(r.stats).toMatchObject({ sent: 1, failed: 3, requests: { sent: 1, retry: 0, drop: 0 } });
    expect(log.lines.filter((l) => l.includes('could not be encoded'))).toHaveLength(1);
    await r.stop(100);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120_000],
    [' 5 ', 5_000],
    ['Wed, 21 Oct 2015 07:28:10 GMT', 10_000],
    ['Wed, 21 Oct 2015 07:27:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j -> %j ms', (header, ms) => {
    expect(parseRetryAfter(header, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(ms);
  });
});
