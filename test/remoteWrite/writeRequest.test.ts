// The WriteRequest encoder, read back with the test's own protobuf reader, and through snappy.
import { compress, uncompress } from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { encodeWriteRequest, METRIC_TYPE, utf8Length } from '../../src/remoteWrite/writeRequest.ts';
import { decodeWriteRequest } from '../helpers/remoteWrite.ts';

describe('encodeWriteRequest', () => {
  it('writes series, labels in the given order, and samples', () => {
    const bytes = encodeWriteRequest({
      timeseries: [
        { labels: [['__name__', 'node_load1'], ['instance', 'r1'], ['job', 'node']], samples: [{ value: 0.52, timestampMs: 1_700_000_000_123 }] },
        { labels: [['__name__', 'x'], ['dev', 'wlan0 "ä€😀"\n']], samples: [{ value: -1.5e300, timestampMs: 0 }, { value: NaN, timestampMs: 1 }] },
      ],
      metadata: [],
    });
    const d = decodeWriteRequest(bytes);
    expect(d.metadata).toEqual([]);
    expect(d.timeseries).toHaveLength(2);
    expect(d.timeseries[0]).toEqual({ labels: { __name__: 'node_load1', instance: 'r1', job: 'node' }, order: ['__name__', 'instance', 'job'], samples: [{ value: 0.52, timestampMs: 1_700_000_000_123 }] });
    expect(d.timeseries[1]!.labels.dev).toBe('wlan0 "ä€😀"\n');
    expect(d.timeseries[1]!.samples[0]).toEqual({ value: -1.5e300, timestampMs: 0 });
    expect(Number.isNaN(d.timeseries[1]!.samples[1]!.value)).toBe(true);
  });

  it.each([0, 1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 32 + 5, 1_733_000_000_000, Number.MAX_SAFE_INTEGER, -1, -1_733_000_000_000])('round-trips timestamp %d', (ts) => {
    const d = decodeWriteRequest(encodeWriteRequest({ timeseries: [{ labels: [['__name__', 'a']], samples: [{ value: 1, timestampMs: ts }] }], metadata: [] }));
    expect(d.timeseries[0]!.samples[0]!.timestampMs).toBe(ts);
  });

  it.each(['', 'eth0', 'ä', '€', '😀', 'a😀b', '\ud800', 'x\udc00y', '\ud800\ud800', 'wlan0 "ä€😀"\n'])('counts UTF-8 bytes of %j as Buffer.byteLength does, and writes them as Buffer does', (s) => {
    expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
    const d = decodeWriteRequest(encodeWriteRequest({ timeseries: [{ labels: [['__name__', 'a'], ['l', s]], samples: [] }], metadata: [] }));
    expect(Buffer.from(d.timeseries[0]!.labels.l!, 'utf8')).toEqual(Buffer.from(s, 'utf8'));
  });

  it('refuses a timestamp that is not whole milliseconds', () => {
    expect(() => encodeWriteRequest({ timeseries: [{ labels: [['__name__', 'a']], samples: [{ value: 1, timestampMs: 1.5 }] }], metadata: [] })).toThrow(/whole number/);
  });

  it('writes metadata (type, family, help; empty fields left out as proto3 does)', () => {
    const md = [
      { type: METRIC_TYPE.gauge, family: 'node_load1', help: '1m load average.', unit: '' },
      { type: METRIC_TYPE.counter, family: 'node_cpu_seconds_total', help: 'Seconds the CPUs spent in each mode.', unit: 'seconds' },
      { type: METRIC_TYPE.unknown, family: 'u', help: '', unit: '' },
    ];
    const bytes = encodeWriteRequest({ timeseries: [], metadata: md });
    expect(decodeWriteRequest(bytes).metadata).toEqual(md);
    // The unknown-type entry with no help is just its family name: tag 0x1a, length 3, tag 0x12, length 1, "u".
    expect([...bytes.subarray(bytes.length - 5)]).toEqual([0x1a, 3, 0x12, 1, 0x75]);
  });

  it('is the exact protobuf bytes for a small request', () => {
    const bytes = encodeWriteRequest({ timeseries: [{ labels: [['__name__', 'up']], samples: [{ value: 1, timestampMs: 300 }] }], metadata: [] });
    // TimeSeries(1){ Label(1){ name(1)"__name__" value(2)"up" } Sample(2){ value(1) double 1.0, timestamp(2) varint 300 } }
    const label = [0x0a, 8, ...Buffer.from('__name__'), 0x12, 2, ...Buffer.from('up')];
    const sample = [0x09, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x10, 0xac, 0x02];
    const series = [0x0a, label.length, ...label, 0x12, sample.length, ...sample];
    expect([...bytes]).toEqual([0x0a, series.length, ...series]);
  });

  it('survives the snappy block format both ways', () => {
    const timeseries = Array.from({ length: 2000 }, (_, i) => ({ labels: [['__name__', 'node_network_receive_bytes_total'], ['device', `eth${i}`]] as [string, string][], samples: [{ value: i * 1.5, timestampMs: 1_733_000_000_000 }] }));
    const raw = encodeWriteRequest({ timeseries, metadata: [] });
    const packed = compress(raw);
    expect(packed.length).toBeLessThan(raw.length / 3);
    expect(Buffer.compare(uncompress(packed), raw)).toBe(0);
    expect(decodeWriteRequest(uncompress(packed)).timeseries[1999]!.labels.device).toBe('eth1999');
  });
});
