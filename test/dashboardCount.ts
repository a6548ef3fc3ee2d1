// Counting the metric names of a Grafana dashboard that an exposition serves (issue 8): a name counts
// when at least one sample of that metric name is present; for a histogram or summary the family's base
// name counts when any of its _bucket/_sum/_count (or quantile) samples is present.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED } from './helpers/scrape.ts';

export const DASHBOARD_METRICS = join(SHARED, 'conformance', 'grafana-node-exporter-full', 'metrics.txt');

export function dashboardNames(path: string = DASHBOARD_METRICS): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** The metric names an exposition has samples for, histogram and summary base names included. */
export function presentNames(exposition: string): Set<string> {
  const samples = new Set<string>();
  const grouped = new Set<string>();
  for (const line of exposition.split('\n')) {
    const type = /^# TYPE (\S+) (histogram|summary|gaugehistogram)\s*$/.exec(line);
    if (type) grouped.add(type[1] as string);
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
    if (m) samples.add(m[1] as string);
  }
  for (const base of grouped) {
    if ([base, `${base}_bucket`, `${base}_sum`, `${base}_count`].some((n) => samples.has(n))) samples.add(base);
  }
  return samples;
}

export interface DashboardCount {
  readonly ours: number;
  readonly theirs: number;
  readonly onlyTheirs: string[];
  readonly onlyOurs: string[];
  readonly neither: string[];
}

export function compareDashboard(names: readonly string[], ours: string, theirs: string): DashboardCount {
  const o = presentNames(ours);
  const t = presentNames(theirs);
  return {
    ours: names.filter((n) => o.has(n)).length,
    theirs: names.filter((n) => t.has(n)).length,
    onlyTheirs: names.filter((n) => t.has(n) && !o.has(n)),
    onlyOurs: names.filter((n) => o.has(n) && !t.has(n)),
    neither: names.filter((n) => !o.has(n) && !t.has(n)),
  };
}
