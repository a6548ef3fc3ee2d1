// One scrape's exposition text -> the time series and metadata of a WriteRequest, as Prometheus would
// store them had it scraped the same text: one series per sample line (its name as __name__, its labels
// but those with an empty value, the external labels it does not already have), sorted by label name; the sample stamped with the time of
// collection unless the line carries its own; a family's TYPE and HELP as metadata.
//
// The text comes from this exporter's own scrape (families.ts, prom-client), so it is well formed; a line
// that still does not parse is skipped and counted, never the whole push.
import { parseGoFloat } from '../goparse.ts';
import type { MetricMetadata, TimeSeries } from './writeRequest.ts';
import { METRIC_TYPE } from './writeRequest.ts';

export interface ScrapedSeries {
  readonly timeseries: TimeSeries[];
  readonly metadata: MetricMetadata[];
  /** Sample lines that did not parse (skipped). */
  readonly skipped: number;
}

type Labels = [string, string][];

const byName = (a: readonly [string, string], b: readonly [string, string]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** `{a="x",b="y"} ` starting at line[i] === '{': the labels and the index after '}', or undefined. */
function parseLabels(line: string, start: number, into: Labels): number | undefined {
  let i = start + 1;
  for (;;) {
    while (line[i] === ' ' || line[i] === ',') i++;
    if (line[i] === '}') return i + 1;
    const eq = line.indexOf('=', i);
    if (eq < 0 || line[eq + 1] !== '"') return undefined;
    const name = line.slice(i, eq).trim();
    i = eq + 2;
    let value = '';
    let from = i;
    for (;;) {
      const c = line[i];
      if (c === undefined) return undefined;
      if (c === '"') break;
      if (c === '\\') {
        value += line.slice(from, i);
        const e = line[i + 1];
        value += e === 'n' ? '\n' : (e ?? '');
        i += 2;
        from = i;
        continue;
      }
      i++;
    }
    value += line.slice(from, i);
    i++;
    into.push([name, value]);
  }
}

function unescapeHelp(s: string): string {
  return s.indexOf('\\') === -1 ? s : s.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

function metricType(t: string): MetricMetadata['type'] {
  return t in METRIC_TYPE ? METRIC_TYPE[t as keyof typeof METRIC_TYPE] : METRIC_TYPE.unknown;
}

/**
 * Turns exposition text into series. externalLabels must be sorted by name; a series keeps its own
 * value of a label it already has (Prometheus' rule for external labels).
 */
export function seriesFromExposition(text: string, externalLabels: readonly (readonly [string, string])[], timestampMs: number): ScrapedSeries {
  const timeseries: TimeSeries[] = [];
  const helps = new Map<string, string>();
  const types = new Map<string, string>();
  let skipped = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (line === '') continue;
    if (line[0] === '#') {
      const m = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$/.exec(line);
      if (m !== null) (m[1] === 'HELP' ? helps : types).set(m[2] as string, m[1] === 'HELP' ? unescapeHelp(m[3] as string) : (m[3] as string));
      continue;
    }
    const nameEnd = line.search(/[{ ]/);
    if (nameEnd <= 0) {
      skipped++;
      continue;
    }
    const labels: Labels = [['__name__', line.slice(0, nameEnd)]];
    let i = nameEnd;
    if (line[i] === '{') {
      const after = parseLabels(line, i, labels);
      if (after === undefined) {
        skipped++;
        continue;
      }
      i = after;
    }
    const rest = line.slice(i).trim().split(/\s+/);
    const value = parseGoFloat(rest[0] ?? '');
    const ts = rest[1] === undefined ? timestampMs : Number(rest[1]);
    if (value === undefined || rest.length > 2 || !Number.isSafeInteger(ts)) {
      skipped++;
      continue;
    }
    // A label with an empty value is no label at all in Prometheus: a scrape would store the series without it.
    for (let j = labels.length - 1; j > 0; j--) if ((labels[j] as [string, string])[1] === '') labels.splice(j, 1);
    for (const ext of externalLabels) {
      if (!labels.some(([n]) => n === ext[0])) labels.push([ext[0], ext[1]]);
    }
    labels.sort(byName);
    timeseries.push({ labels, samples: [{ value, timestampMs: ts }] });
  }
  const metadata: MetricMetadata[] = [];
  for (const [family, type] of types) metadata.push({ type: metricType(type), family, help: helps.get(family) ?? '', unit: '' });
  return { timeseries, metadata, skipped };
}
