// The compact queue: successive scrapes through one SeriesTable become intervals that hold only their
// values (series interned once, their labels encoded once), queued oldest first and dropped oldest first
// when full; each interval's request, made when it is sent, must be exactly what that scrape said.
import { compress, uncompress } from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { SampleQueue } from '../../src/remoteWrite/queue.ts';
import { SeriesTable } from '../../src/remoteWrite/series.ts';
import type { Interval } from '../../src/remoteWrite/series.ts';
import { rawBuffer, snappy } from '../../src/remoteWrite/snappy.ts';
import { decodeWriteRequest } from '../helpers/remoteWrite.ts';

const EXT = [['instance', 'r1'], ['job', 'node']] as const;
const T0 = 1_733_000_000_000;

/** series key (labels as written by the decoder, sorted) -> [timestamp, value] of the interval's request. */
function samplesOf(interval: Interval): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  for (const ts of decodeWriteRequest(uncompress(interval.body())).timeseries) {
    const key = ts.order.map((n) => `${n}=${JSON.stringify(ts.labels[n])}`).join(',');
    out.set(key, [...(out.get(key) ?? []), ...ts.samples.map((s): [number, number] => [s.timestampMs, s.value])]);
  }
  return out;
}

/** The key of a series with the external labels; before and after: its own labels that sort before `instance` or after `job`. */
const key = (name: string, before = '', after = ''): string => `__name__=${JSON.stringify(name)},${before}instance="r1",job="node"${after}`;

describe('compact queue', () => {
  it('sends each interval as scraped, oldest first, so every series arrives in order', () => {
    const table = new SeriesTable(EXT);
    const q = new SampleQueue(1_000);
    for (let i = 0; i < 5; i++) {
      const text = `a ${i}\nb{x="1"} ${10 * i}\nb{x="2"} ${100 * i}\n`;
      expect(q.push(table.parse(text, T0 + i * 15_000, false).interval)).toBe(0);
    }
    expect(q.pendingSamples).toBe(15);
    const seen = new Map<string, [number, number][]>();
    for (let e = q.peek(); e !== undefined; e = q.peek()) {
      for (const [k, s] of samplesOf(e as Interval)) seen.set(k, [...(seen.get(k) ?? []), ...s]);
      q.remove(e);
    }
    const times = [0, 1, 2, 3, 4].map((i) => T0 + i * 15_000);
    expect(seen.get(key('a'))).toEqual(times.map((t, i) => [t, i]));
    expect(seen.get(key('b', '', ',x="1"'))).toEqual(times.map((t, i) => [t, 10 * i]));
    expect(seen.get(key('b', '', ',x="2"'))).toEqual(times.map((t, i) => [t, 100 * i]));
  });

  it('drops the oldest intervals when full and counts their samples', () => {
    const table = new SeriesTable(EXT);
    const q = new SampleQueue(7); // room for two intervals of three samples
    const dropped: number[] = [];
    for (let i = 0; i < 4; i++) dropped.push(q.push(table.parse(`a ${i}\nb ${i}\nc ${i}\n`, T0 + i, false).interval));
    expect(dropped).toEqual([0, 0, 3, 3]);
    expect(q.pendingSamples).toBe(6);
    expect(q.peek()!.timestampMs).toBe(T0 + 2);
    expect(samplesOf(q.peek() as Interval).get(key('a'))).toEqual([[T0 + 2, 2]]);
    // The queue holds values, 8 bytes a sample, not requests.
    expect(q.bytes).toBe(6 * 8);
  });

  it('shares the series list between intervals with the same series, and follows series that come and go', () => {
    const table = new SeriesTable(EXT);
    const i1 = table.parse('a 1\nb 1\n', T0, false).interval;
    const i2 = table.parse('a 2\nb 2\n', T0 + 1, false).interval;
    expect(i2.series).toBe(i1.series);
    const i3 = table.parse('a 3\nc 3\n', T0 + 2, false).interval; // b gone, c new
    expect(i3.series).not.toBe(i2.series);
    expect(i3.series[0]).toBe(i1.series[0]); // a: the same interned series
    expect(table.size).toBe(2); // b forgotten by the table...
    const i4 = table.parse('a 4\nb 4\n', T0 + 3, false).interval; // ...and b back
    expect(i4.series[1]).not.toBe(i1.series[1]);
    // Every interval still sends exactly what its scrape had, b included where it was.
    expect([...samplesOf(i1)]).toEqual([[key('a'), [[T0, 1]]], [key('b'), [[T0, 1]]]]);
    expect([...samplesOf(i2)]).toEqual([[key('a'), [[T0 + 1, 2]]], [key('b'), [[T0 + 1, 2]]]]);
    expect([...samplesOf(i3)]).toEqual([[key('a'), [[T0 + 2, 3]]], [key('c'), [[T0 + 2, 3]]]]);
    expect([...samplesOf(i4)]).toEqual([[key('a'), [[T0 + 3, 4]]], [key('b'), [[T0 + 3, 4]]]]);
    // A scrape with no series at all is an empty interval, and the next one starts over.
    expect(table.parse('# nothing\n', T0 + 4, false).interval.samples).toBe(0);
    expect([...samplesOf(table.parse('c 5\n', T0 + 5, false).interval)]).toEqual([[key('c'), [[T0 + 5, 5]]]]);
  });

  it('grows past the previous interval, and keeps a line’s own timestamp beside the collection time', () => {
    const table = new SeriesTable(EXT);
    table.parse('a 1\n', T0, false);
    const lines = Array.from({ length: 40 }, (_, i) => `m{i="${i}"} ${i}`);
    lines[25] += ' 1700000000000';
    const iv = table.parse(`${lines.join('\n')}\n`, T0 + 1, false).interval;
    expect(iv.samples).toBe(40);
    expect(iv.timestamps).toBeDefined();
    const s = samplesOf(iv);
    expect(s.get(key('m', 'i="25",'))).toEqual([[1_700_000_000_000, 25]]);
    expect(s.get(key('m', 'i="39",'))).toEqual([[T0 + 1, 39]]);
    expect(table.parse('a 1\n', T0 + 2, false).interval.timestamps).toBeUndefined();
  });

  it('keeps NaN a plain NaN (not the staleness marker), and infinities, through the queue', () => {
    const table = new SeriesTable(EXT);
    const iv = table.parse('n NaN\np +Inf\nm -Inf\nz -0\n', T0, false).interval;
    const raw = uncompress(iv.body());
    const wr = decodeWriteRequest(raw);
    expect(Number.isNaN(wr.timeseries[0]!.samples[0]!.value)).toBe(true);
    expect(wr.timeseries.slice(1).map((t) => t.samples[0]!.value)).toEqual([Infinity, -Infinity, -0]);
    // Prometheus' stale marker is the NaN 0x7ff0000000000002: a scraped NaN must not become one.
    const stale = Buffer.from([0x09, 0x02, 0, 0, 0, 0, 0, 0xf0, 0x7f]);
    expect(raw.includes(stale)).toBe(false);
    const nan = Buffer.alloc(9);
    nan[0] = 0x09;
    nan.writeDoubleLE(NaN, 1);
    expect(raw.includes(nan)).toBe(true);
  });

  it.each([
    ['a brace, comma, equals and spaces in a value', 'm{a="x} 5, y=1",b="{"} 2', [['__name__', 'm'], ['a', 'x} 5, y=1'], ['b', '{'], ['instance', 'r1'], ['job', 'node']]],
    ['a value that is only a closing brace', 'm{a="}"} 2', [['__name__', 'm'], ['a', '}'], ['instance', 'r1'], ['job', 'node']]],
    ['escaped quote, backslash and newline', 'm{a="q\\"b\\\\n\\nz"} 2', [['__name__', 'm'], ['a', 'q"b\\n\nz'], ['instance', 'r1'], ['job', 'node']]],
    ['UTF-8: accents, CJK and an emoji', 'm{a="café",b="路由器",c="📶"} 2', [['__name__', 'm'], ['a', 'café'], ['b', '路由器'], ['c', '📶'], ['instance', 'r1'], ['job', 'node']]],
    ['a trailing comma and a colon in the name', 'node:rate{a="1",} 2', [['__name__', 'node:rate'], ['a', '1'], ['instance', 'r1'], ['job', 'node']]],
  ])('label sets with unusual characters: %s, the same on every interval', (_name, line, labels) => {
    const table = new SeriesTable(EXT);
    for (let i = 0; i < 3; i++) {
      const p = table.parse(`${line}\nother 1\n`, T0 + i, false);
      expect(p.skipped).toBe(0);
      const [ts] = decodeWriteRequest(uncompress(p.interval.body())).timeseries;
      expect(ts!.order.map((n) => [n, ts!.labels[n]])).toEqual(labels);
      expect(ts!.samples).toEqual([{ value: 2, timestampMs: T0 + i }]);
    }
    expect(table.size).toBe(2);
  });

  it('compresses through reused scratch buffers exactly as snappyjs does, each body in memory of its own', () => {
    const inputs = [Buffer.alloc(200_000, 'node_network_receive_bytes_total{device="eth0"} 1\n'), Buffer.from('short'), Buffer.alloc(70_000, 'xyz')];
    for (const input of [...inputs, ...inputs]) {
      const body = snappy(input);
      expect(Buffer.compare(body, compress(input))).toBe(0);
      expect(body.buffer.byteLength).toBe(body.length);
    }
    // The encoder's scratch is handed out again: the same memory, not a new buffer per push.
    const a = rawBuffer(1000);
    expect(rawBuffer(500).buffer).toBe(a.buffer);
  });
});
