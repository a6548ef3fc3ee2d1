// Exposition text -> the series Prometheus would store from it, plus external labels and metadata, read
// back from the request bytes the push path sends.
import { uncompress } from 'snappyjs';
import { describe, expect, it } from 'vitest';
import { SeriesTable } from '../../src/remoteWrite/series.ts';
import { METRIC_TYPE } from '../../src/remoteWrite/writeRequest.ts';
import { decodeWriteRequest } from '../helpers/remoteWrite.ts';

const EXT = [['instance', 'router1'], ['job', 'node']] as const;
const T = 1_733_000_000_000;

/** One scrape through a fresh table: each series' labels in order, its samples, and what was skipped. */
function parse(text: string, ext: readonly (readonly [string, string])[] = EXT, withMetadata = false) {
  const p = new SeriesTable(ext).parse(text, T, withMetadata);
  const wr = decodeWriteRequest(uncompress(p.interval.body()));
  return { series: wr.timeseries.map((t) => ({ labels: t.order.map((n) => [n, t.labels[n]]), samples: t.samples })), skipped: p.skipped, metadata: p.metadata, interval: p.interval };
}

describe('SeriesTable.parse', () => {
  it.each([
    ['a plain gauge', 'node_load1 0.52', [['__name__', 'node_load1'], ['instance', 'router1'], ['job', 'node']], 0.52],
    ['labels sorted by byte order, upper case before _', 'm{zone="a",Zeta="b",alpha="c"} 3', [['Zeta', 'b'], ['__name__', 'm'], ['alpha', 'c'], ['instance', 'router1'], ['job', 'node'], ['zone', 'a']], 3],
    ['escapes undone', 'm{d="a\\\\b\\"c\\nd"} 1', [['__name__', 'm'], ['d', 'a\\b"c\nd'], ['instance', 'router1'], ['job', 'node']], 1],
    ['empty labels left out, an empty instance replaced', 'm{a="",instance="",b="x"} 1', [['__name__', 'm'], ['b', 'x'], ['instance', 'router1'], ['job', 'node']], 1],
    ['its own instance label kept', 'm{instance="other"} 1', [['__name__', 'm'], ['instance', 'other'], ['job', 'node']], 1],
    ['a histogram bucket as written', 'h_bucket{le="+Inf"} 7', [['__name__', 'h_bucket'], ['instance', 'router1'], ['job', 'node'], ['le', '+Inf']], 7],
    ['+Inf', 'm +Inf', [['__name__', 'm'], ['instance', 'router1'], ['job', 'node']], Infinity],
    ['-Inf', 'm -Inf', [['__name__', 'm'], ['instance', 'router1'], ['job', 'node']], -Infinity],
    ['a large float', 'm 1.6384e+06', [['__name__', 'm'], ['instance', 'router1'], ['job', 'node']], 1.6384e6],
  ])('%s', (_name, line, labels, value) => {
    const s = parse(`${line}\n`);
    expect(s.skipped).toBe(0);
    expect(s.series).toEqual([{ labels, samples: [{ value, timestampMs: T }] }]);
  });

  it('keeps NaN and a timestamp of the line', () => {
    const s = parse('m NaN\nn 2 1700000000000\n', []);
    expect(Number.isNaN(s.series[0]!.samples[0]!.value)).toBe(true);
    expect(s.series[0]!.samples[0]!.timestampMs).toBe(T);
    expect(s.series[1]!.samples[0]!.timestampMs).toBe(1_700_000_000_000);
  });

  it('skips and counts lines that do not parse, keeps the rest', () => {
    const s = parse('ok 1\nbad{a="x} 1\nworse one two three\nnoval\nthree{a="b"} 1 2 3\nok2 2\n', []);
    expect(s.series.map((t) => t.labels[0]![1])).toEqual(['ok', 'ok2']);
    expect(s.skipped).toBe(4);
  });

  it('makes metadata from TYPE and HELP (escapes undone), only when asked', () => {
    const text = '# HELP node_load1 1m load average.\n# TYPE node_load1 gauge\nnode_load1 0.5\n\n# HELP c A \\\\ b\\nc\n# TYPE c counter\nc 1\n# TYPE s summary\ns_sum 1\n# TYPE x unknowntype\nx 1\n';
    expect(parse(text, [], true).metadata).toEqual([
      { type: METRIC_TYPE.gauge, family: 'node_load1', help: '1m load average.', unit: '' },
      { type: METRIC_TYPE.counter, family: 'c', help: 'A \\ b\nc', unit: '' },
      { type: METRIC_TYPE.summary, family: 's', help: '', unit: '' },
      { type: METRIC_TYPE.unknown, family: 'x', help: '', unit: '' },
    ]);
    const without = parse(text, [], false);
    expect(without.metadata).toBeUndefined();
    expect(without.series).toHaveLength(4);
  });
});
