// The push loop in-process: one scrape -> one queued entry shared by every receiver, whose request is the
// scrape's series with the external labels; metadata queued on its own schedule.
import { uncompress } from 'snappyjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RemoteWriteConfig } from '../../src/remoteWrite/config.ts';
import { RemoteWriter } from '../../src/remoteWrite/remoteWriter.ts';
import { snappy } from '../../src/remoteWrite/snappy.ts';
import { freePort } from '../helpers/processes.ts';
import { decodeWriteRequest } from '../helpers/remoteWrite.ts';
import { fixtureScraper, machineFlags, recordingLogger } from '../helpers/scrape.ts';

const text = await fixtureScraper(machineFlags('router')).scrape();
const sampleLines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;

let writer: RemoteWriter | undefined;
afterEach(async () => {
  await writer?.stop(0);
  writer = undefined;
});

/** Receivers on a loopback port where nothing listens: every push stays queued. */
async function config(names: string[]): Promise<RemoteWriteConfig> {
  const port = await freePort();
  return {
    intervalMs: 60_000,
    externalLabels: [['instance', 'r1'], ['job', 'node']],
    receivers: names.map((name) => ({ name, url: new URL(`http://127.0.0.1:${port}/${name}`), timeoutMs: 1_000, headers: {}, tls: undefined, queue: { capacity: 100_000, minBackoffMs: 60_000, maxBackoffMs: 60_000, retryOn429: true }, metadataIntervalMs: 60_000 })),
  };
}

describe('RemoteWriter', () => {
  it('queues one scrape for every receiver, stamped at collection, with the external labels', async () => {
    writer = new RemoteWriter(await config(['a', 'b']), () => Promise.resolve(text), recordingLogger(), 'test');
    const before = Date.now();
    const pushed = await writer.push();
    expect(pushed?.samples).toBe(sampleLines);
    const [a, b] = writer.all as [(typeof writer.all)[0], (typeof writer.all)[0]];
    const entry = a.queue.peek()!;
    expect(b.queue.peek()).toBe(entry); // encoded once, shared
    expect(entry.samples).toBe(sampleLines);
    expect(entry.timestampMs).toBeGreaterThanOrEqual(before);
    const wr = decodeWriteRequest(uncompress(entry.body()));
    expect(wr.timeseries).toHaveLength(sampleLines);
    expect(wr.timeseries.every((t) => t.labels.instance === 'r1' && t.labels.job === 'node' && t.samples[0]!.timestampMs === entry.timestampMs)).toBe(true);
    expect(wr.timeseries.find((t) => t.labels.__name__ === 'node_load1')!.samples[0]!.value).toBe(0.52);
  });

  it('holds each compressed push in a buffer of its own size', () => {
    const raw = Buffer.alloc(100_000, 'node_network_receive_bytes_total{device="eth0"} 1\n');
    const body = snappy(raw);
    expect(body.buffer.byteLength).toBe(body.length);
    expect(Buffer.compare(uncompress(body), raw)).toBe(0);
  });

  it('skips a push whose scrape failed, and logs that once', async () => {
    const log = recordingLogger();
    writer = new RemoteWriter(await config(['a']), () => Promise.reject(new Error('boom')), log, 'test');
    expect(await writer.push()).toBeUndefined();
    expect(await writer.push()).toBeUndefined();
    expect(writer.all[0]!.queue.length).toBe(0);
    expect(log.lines.filter((l) => l.includes('scrape failed'))).toHaveLength(1);
  });

  it('on reload with new external labels, new pushes carry them and queued ones keep theirs', async () => {
    const first = await config(['a']);
    writer = new RemoteWriter(first, () => Promise.resolve(text), recordingLogger(), 'test');
    await writer.push();
    writer.reload({ ...first, externalLabels: [['instance', 'r2'], ['job', 'node'], ['site', 'attic']] });
    await writer.push();
    const q = writer.all[0]!.queue;
    expect(q.length).toBe(2);
    const old = decodeWriteRequest(uncompress(q.peek()!.body()));
    expect(old.timeseries.every((t) => t.labels.instance === 'r1' && t.labels.site === undefined)).toBe(true);
    q.remove(q.peek()!);
    const fresh = decodeWriteRequest(uncompress(q.peek()!.body()));
    expect(fresh.timeseries).toHaveLength(sampleLines);
    expect(fresh.timeseries.every((t) => t.labels.instance === 'r2' && t.labels.site === 'attic')).toBe(true);
  });

  it('on reload keeps the queue of a receiver of the same name, drops a removed one', async () => {
    const first = await config(['a', 'b']);
    writer = new RemoteWriter(first, () => Promise.resolve(text), recordingLogger(), 'test');
    await writer.push();
    const a = writer.all[0]!;
    writer.reload({ ...first, receivers: [first.receivers[0]!] });
    expect(writer.all).toEqual([a]);
    expect(a.queue.pendingSamples).toBe(sampleLines);
  });
});
