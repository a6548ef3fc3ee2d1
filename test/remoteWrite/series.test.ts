// Exposition text -> the series Prometheus would store from it, plus external labels and metadata.
import { describe, expect, it } from 'vitest';
import { seriesFromExposition } from '../../src/remoteWrite/series.ts';
import { METRIC_TYPE } from '../../src/remoteWrite/writeRequest.ts';

const EXT = [['instance', 'router1'], ['job', 'node']] as const;
const T = 1_733_000_000_000;

describe('seriesFromExposition', () => {
  it.each([
    ['a plain gauge', 'node_load1 0.52', [['__name__', 'node_load1'], ['instance', 'router1'], ['job', 'node']], 0.52],
    ['labels sorted by byte order, upper case before _', 'm{zone="a",Zeta="b",alpha="c"} 3', [['Zeta', 'b'], ['__name__', 'm'], ['alpha', 'c'], ['instance', 'router1'], ['job', 'node'], ['zone', 'a']], 3],
    ['escapes undone', 'm{d="a\\\\b\\"c\\nd"} 1', [['__name__', 'm'], ['d', 'a\\b"c\nd'], ['instance', 'router1'], ['job', 'node']], 1],
    ['empty labels left out, an empty instance replaced', 'm{a="",instance="",b="x"} 1', [['__name__', 'm'], ['b', 'x'], ['instance', 'router1'], ['job', 'node']], 1],
    ['its own instance label kept', 'm{instance="other"} 1', [['__name__', 'm'], ['instance', 'other'], ['job', 'node']], 1],
    ['a histogram bucket as written', 'h_bucket{le="+Inf"} 7', [['__name__', 'h_bucket'], ['instance', 'router1'], ['job', 'node'], ['le', '+Inf']], 7],
    ['+Inf', 'm +Inf', [['__name__', 'm'], ['instance', 'router1'], ['job', 'node']], Infinity],
    ['a large float', 'm 1.6384e+06', [['__name__', 'm'], ['instance', 'router1'], ['job', 'node']], 1.6384e6],
  ])('%s', (_name, line, labels, value) => {
    const s = seriesFromExposition(`${line}\n`, EXT, T);
    expect(s.skipped).toBe(0);
    expect(s.timeseries).toEqual([{ labels, samples: [{ value, timestampMs: T }] }]);
  });

  it('keeps NaN and a timestamp of the line', () => {
    const s = seriesFromExposition('m NaN\nn 2 1700000000000\n', [], T);
    expect(Number.isNaN(s.timeseries[0]!.samples[0]!.value)).toBe(true);
    expect(s.timeseries[1]!.samples[0]!.timestampMs).toBe(1_700_000_000_000);
  });

  it('skips and counts lines that do not parse, keeps the rest', () => {
    const s = seriesFromExposition('ok 1\nbad{a="x} 1\nworse one two three\nnoval\nok2 2\n', [], T);
    expect(s.timeseries.map((t) => t.labels[0]![1])).toEqual(['ok', 'ok2']);
    expect(s.skipped).toBe(3);
  });

  it('makes metadata from TYPE and HELP (escapes undone)', () => {
    const text = '# HELP node_load1 1m load average.\n# TYPE node_load1 gauge\nnode_load1 0.5\n\n# HELP c A \\\\ b\\nc\n# TYPE c counter\nc 1\n# TYPE s summary\ns_sum 1\n# TYPE x unknowntype\nx 1\n';
    expect(seriesFromExposition(text, [], T).metadata).toEqual([
      { type: METRIC_TYPE.gauge, family: 'node_load1', help: '1m load average.', unit: '' },
      { type: METRIC_TYPE.counter, family: 'c', help: 'A \\ b\nc', unit: '' },
      { type: METRIC_TYPE.summary, family: 's', help: '', unit: '' },
      { type: METRIC_TYPE.unknown, family: 'x', help: '', unit: '' },
    ]);
  });
});
