// The per-receiver queue: bounded in samples, oldest out first, every drop counted.
import { describe, expect, it } from 'vitest';
import { SampleQueue } from '../../src/remoteWrite/queue.ts';

const entry = (samples: number, timestampMs: number) => ({ samples, timestampMs, bytes: samples * 8, body: () => Buffer.alloc(0) });

describe('SampleQueue', () => {
  it('keeps pushes in order and drops the oldest when full', () => {
    const q = new SampleQueue(250);
    expect(q.push(entry(100, 1))).toBe(0);
    expect(q.push(entry(100, 2))).toBe(0);
    expect(q.pendingSamples).toBe(200);
    expect(q.push(entry(100, 3))).toBe(100); // the push of t=1 goes
    expect(q.peek()!.timestampMs).toBe(2);
    expect(q.pendingSamples).toBe(200);
    expect(q.length).toBe(2);
    expect(q.bytes).toBe(1600);
  });

  it('refuses a push larger than the whole capacity, keeping what it has', () => {
    const q = new SampleQueue(50);
    q.push(entry(10, 1));
    expect(q.push(entry(51, 2))).toBe(51);
    expect(q.pendingSamples).toBe(10);
  });

  it('removes a sent entry, and knows when it was already pushed out', () => {
    const q = new SampleQueue(100);
    const a = entry(60, 1);
    q.push(a);
    const b = entry(60, 2);
    expect(q.push(b)).toBe(60);
    expect(q.remove(a)).toBe(false);
    expect(q.remove(b)).toBe(true);
    expect(q.pendingSamples).toBe(0);
    expect(q.peek()).toBeUndefined();
  });

  it('shrinks on resize, oldest first', () => {
    const q = new SampleQueue(300);
    for (let t = 1; t <= 3; t++) q.push(entry(100, t));
    expect(q.resize(150)).toBe(200);
    expect(q.capacity).toBe(150);
    expect(q.peek()!.timestampMs).toBe(3);
  });
});
