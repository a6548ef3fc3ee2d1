import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGoFloat } from '../../src/goparse.ts';
import { TextParseError, formatGoFloat, parseTextFormat, toUint64 } from '../../src/textformat.ts';
import { conformanceAvailable } from '../helpers/conformance.ts';
import { CONFORMANCE, FIXTURES } from '../helpers/scrape.ts';

const parse = (lines: string[]): ReturnType<typeof parseTextFormat> => parseTextFormat(lines.join('\n') + '\n');

describe('parseTextFormat', () => {
  it('parses typed families with HELP, labels and values', () => {
    expect(
      parse([
        '# HELP events_total this is a test metric',
        '# TYPE events_total counter',
        'events_total{foo="bar"} 10',
        'events_total{foo="baz"} 20',
        '',
        '# a comment',
        'plain 1.5e3',
      ]),
    ).toEqual([
      {
        name: 'events_total',
        help: 'this is a test metric',
        type: 'counter',
        metrics: [
          { labels: [['foo', 'bar']], value: 10 },
          { labels: [['foo', 'baz']], value: 20 },
        ],
      },
      { name: 'plain', help: undefined, type: 'untyped', metrics: [{ labels: [], value: 1500 }] },
    ]);
  });

  it('unescapes HELP (\\\\, \\n, \\") and label values (\\", \\\\, \\n)', () => {
    const [f] = parse(['# HELP m a\\\\b\\nc \\"q\\"', 'm{v="say \\"hi\\"\\\\\\n"} 1']);
    expect(f?.help).toBe('a\\b\nc "q"');
    expect(f?.metrics[0]?.labels).toEqual([['v', 'say "hi"\\\n']]);
  });

  it('treats an empty HELP as no HELP, and keeps trailing spaces of a HELP text', () => {
    expect(parse(['# HELP m ', 'm 1'])[0]?.help).toBeUndefined();
    expect(parse(['# HELP m', 'm 1'])[0]?.help).toBeUndefined();
    expect(parse(['# HELP m text  ', 'm 1'])[0]?.help).toBe('text  ');
  });

  it('accepts blanks around names, labels and values, and a trailing comma', () => {
    const [f] = parse(['  \tm { a = "1" , b="2", } \t 3']);
    expect(f?.metrics).toEqual([{ labels: [['a', '1'], ['b', '2']], value: 3 }]);
    expect(parse(['m{} 1'])[0]?.metrics).toEqual([{ labels: [], value: 1 }]);
  });

  it('keeps client-side timestamps', () => {
    expect(parse(['m 1 1441205977284'])[0]?.metrics[0]?.timestampMs).toBe(1441205977284n);
    expect(parse(['m{a="b"} 1 -5'])[0]?.metrics[0]?.timestampMs).toBe(-5n);
  });

  it('groups summary lines into one metric per label set', () => {
    const [f] = parse([
      '# TYPE s summary',
      's{x="a",quantile="0.5"} 1',
      's{x="a",quantile="0.9"} 2',
      's_sum{x="a"} 10.5',
      's_count{x="a"} 7',
      's{quantile="0.5",x="b"} 3',
    ]);
    expect(f?.type).toBe('summary');
    expect(f?.metrics).toEqual([
      { labels: [['x', 'a']], summary: { count: 7, sum: 10.5, quantiles: [[0.5, 1], [0.9, 2]] } },
      { labels: [['x', 'b']], summary: { count: 0, sum: 0, quantiles: [[0.5, 3]] } },
    ]);
  });

  it('groups histogram lines, with the le label out of the labels', () => {
    const [f] = parse([
      '# HELP h Latency.',
      '# TYPE h histogram',
      'h_bucket{le="0.1"} 1',
      'h_bucket{le="1.6384e+06"} 4',
      'h_bucket{le="+Inf"} 5.9',
      'h_sum 3.25',
      'h_count 5',
    ]);
    expect(f?.metrics).toEqual([
      {
        labels: [],
        histogram: {
          count: 5,
          sum: 3.25,
          buckets: [
            [0.1, 1],
            [1638400, 4],
            [Infinity, 5],
          ],
        },
      },
    ]);
  });

  it('keeps _sum/_count of non-summaries as families of their own', () => {
    expect(parse(['# TYPE g gauge', 'g 1', 'g_count 2']).map((f) => [f.name, f.type])).toEqual([
      ['g', 'gauge'],
      ['g_count', 'untyped'],
    ]);
  });

  it('drops families that got HELP or TYPE but no sample, and ignores other comments', () => {
    expect(parse(['# HELP a x', '# TYPE a gauge', '#', '# random words here', '#  TYPE', 'b 1']).map((f) => f.name)).toEqual(['b']);
  });

  it('accepts TYPE gauge_histogram (the protobuf enum name) without samples but rejects its samples, as expfmt does', () => {
    expect(parse(['# TYPE gh gauge_histogram', 'x 1']).map((f) => f.name)).toEqual(['x']);
    expect(parse(['# TYPE gh gauge_histogram', 'gh_bucket{le="1"} 1']).map((f) => [f.name, f.type])).toEqual([['gh_bucket', 'untyped']]);
    expect(() => parse(['# TYPE gh gauge_histogram', 'gh{le="1"} 1'])).toThrow(/unexpected type for metric name "gh"/);
    expect(() => parse(['# TYPE gh gaugehistogram', 'x 1'])).toThrow(/unknown metric type "gaugehistogram"/);
  });

  it.skipIf(!conformanceAvailable)('parses every metrics file of node_exporter\'s textfile fixtures (needs ../shared)', () => {
    const base = join(CONFORMANCE, 'textfile');
    const files = readdirSync(base)
      .filter((d) => statSync(join(base, d)).isDirectory())
      .flatMap((d) => readdirSync(join(base, d)).filter((f) => f.endsWith('.prom')).map((f) => join(base, d, f)));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(() => parseTextFormat(readFileSync(f, 'utf8')), f).not.toThrow();
    const inc = parseTextFormat(readFileSync(join(base, 'inconsistent_metrics/metrics.prom'), 'utf8'));
    expect(inc.find((f) => f.name === 'go_goroutines')?.metrics).toEqual([
      { labels: [['foo', 'bar']], value: 229 },
      { labels: [], value: 20 },
    ]);
  });

  it('parses the router fixture files', () => {
    const wan = parseTextFormat(readFileSync(join(FIXTURES, 'router/textfile/wan.prom'), 'utf8'));
    expect(wan.map((f) => [f.name, f.type])).toEqual([
      ['wan_ping_rtt_seconds', 'histogram'],
      ['wan_ping_lost_total', 'counter'],
      ['wan_isp_info', 'untyped'],
    ]);
    expect(wan[2]?.metrics[0]?.labels).toEqual([
      ['isp', 'Deutsche Telekom "MagentaZuhause" \\ VDSL'],
      ['profile', '17a'],
    ]);
  });

  it.each([
    ['no newline at the end', 'm 1', /line 1: unexpected end of input stream/],
    ['comment without newline at the end', 'm 1\n# HELP m x', /line 2: unexpected end of input stream/],
    ['trailing blank after the value', 'm 1 \n', /line 1: expected integer as timestamp, got ""/],
    ['CRLF line ends', 'm 1\r\n', /expected float as value, got "1\\r"/],
    ['bad value', 'm one\n', /expected float as value, got "one"/],
    ['hex value', 'm 0x10\n', /expected float/],
    ['underscore in value', 'm 1_000\n', /expected float/],
    ['overflowing value', 'm 1e400\n', /expected float/],
    ['signed NaN', 'm +NaN\n', /expected float/],
    ['missing value', 'm\n', /expected float as value, got ""/],
    ['bad timestamp', 'm 1 12.5\n', /expected integer as timestamp, got "12.5"/],
    ['timestamp out of int64', 'm 1 9223372036854775808\n', /expected integer as timestamp/],
    ['text after the timestamp', 'm 1 2 3\n', /spurious string after timestamp: " 3"/],
    ['metric name starting with a digit', '1m 1\n', /line 1: invalid metric name/],
    ['dash in the metric name', 'my-metric 1\n', /expected float as value, got "-metric"/],
    ['quoted metric name', '"m" 1\n', /invalid metric name/],
    ['name inside braces', '{"m"} 1\n', /inside braces are not supported/],
    ['invalid name in a comment', '# HELP 1m x\n', /invalid metric name in comment/],
    ['second HELP', '# HELP m a\n# HELP m b\nm 1\n', /line 2: second HELP line for metric name "m"/],
    ['second TYPE', '# TYPE m gauge\n# TYPE m gauge\nm 1\n', /line 2: second TYPE line/],
    ['TYPE after samples', 'm 1\n# TYPE m gauge\n', /TYPE reported after samples/],
    ['unknown type', '# TYPE m meter\nm 1\n', /unknown metric type "meter"/],
    ['trailing blank after the type', '# TYPE m gauge \nm 1\n', /unknown metric type "gauge "/],
    ['invalid escape in HELP', '# HELP m a\\tb\nm 1\n', /invalid escape sequence '\\t'/],
    ['invalid escape in a label value', 'm{a="\\t"} 1\n', /invalid escape sequence/],
    ['newline in a label value', 'm{a="x\n"} 1\n', /contains unescaped new-line/],
    ['unterminated label value', 'm{a="x', /unexpected end of input stream/],
    ['unquoted label value', 'm{a=x} 1\n', /expected '"' at start of label value/],
    ['missing =', 'm{a "x"} 1\n', /expected '=' after label name/],
    ['bad label name', 'm{1a="x"} 1\n', /invalid label name for metric "m"/],
    ['reserved label name', 'm{__name__="x"} 1\n', /label name "__name__" is reserved/],
    ['duplicate label names', 'm{a="1",a="2"} 1\n', /duplicate label names for metric "m"/],
    ['missing comma', 'm{a="1" b="2"} 1\n', /unexpected end of label value "1"/],
    ['bad quantile', '# TYPE s summary\ns{quantile="high"} 1\n', /expected float as value for 'quantile' label, got "high"/],
    ['bad le', '# TYPE h histogram\nh_bucket{le="x"} 1\n', /expected float as value for 'le' label/],
  ])('rejects %s', (_n, text, err) => {
    let caught: unknown;
    try {
      parseTextFormat(text);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TextParseError);
    expect((caught as Error).message).toMatch(err);
  });

  it('accepts blanks (no newline) at the very end, and an empty input', () => {
    expect(parseTextFormat('m 1\n  ')).toHaveLength(1);
    expect(parseTextFormat('')).toEqual([]);
  });
});

describe('parseGoFloat', () => {
  it.each([
    ['1', 1],
    ['-1.5', -1.5],
    ['+3', 3],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1.6384E+06', 1638400],
    ['+Inf', Infinity],
    ['-inf', -Infinity],
    ['Infinity', Infinity],
    ['1e-400', 0],
  ])('parses %s', (s, v) => {
    expect(parseGoFloat(s)).toBe(v);
  });
  it('parses NaN in any case', () => {
    expect(parseGoFloat('NaN')).toBeNaN();
    expect(parseGoFloat('nan')).toBeNaN();
  });
  it.each(['', ' 1', '1 ', '0x10', '0x1p3', '1_0', '1e', 'e5', '.', '+nan', '1e309', 'Inf2', '--1'])('rejects %j', (s) => {
    expect(parseGoFloat(s)).toBeUndefined();
  });
});

describe('formatGoFloat and toUint64', () => {
  it.each([
    [1638400, '1.6384e+06'],
    [409600, '409600'],
    [1e6, '1e+06'],
    [123456789, '1.23456789e+08'],
    [100000, '100000'],
    [0.005, '0.005'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5e-7, '-2.5e-07'],
    [1e21, '1e+21'],
    [0, '0'],
    [-0, '0'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ])('formats %s as %s', (v, s) => {
    expect(formatGoFloat(v)).toBe(s);
  });
  it('converts counts to uint64, truncating and saturating', () => {
    expect([toUint64(5.9), toUint64(-3), toUint64(NaN), toUint64(1e30), toUint64(2 ** 53 + 2)]).toEqual([5, 0, 0, 18446744073709551615, 2 ** 53 + 2]);
  });
});
