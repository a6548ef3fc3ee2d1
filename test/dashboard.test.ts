// Issue 8: with default flags on the same machine, our exporter must serve at least as many of the
// metric names of the "Node Exporter Full" Grafana dashboard as Debian's prometheus-node-exporter.
// Both run here as a user would run them: Debian's binary with its built-in defaults, and our bundle.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DASHBOARD_METRICS, compareDashboard, dashboardNames, presentNames } from './dashboardCount.ts';
import { ROOT } from './helpers/scrape.ts';
import { hasCommand } from './helpers/tools.ts';
import { freePort, startAndScrape, stopAll } from './helpers/processes.ts';

const haveNodeExporter = hasCommand('prometheus-node-exporter');
const haveNames = existsSync(DASHBOARD_METRICS);
if (!haveNodeExporter) console.warn('prometheus-node-exporter not installed (apt-get install prometheus-node-exporter, or make deps): skipping the dashboard count');
if (!haveNames) console.warn(`${DASHBOARD_METRICS} not found: skipping the dashboard count`);

afterAll(stopAll);

describe.skipIf(!haveNodeExporter || !haveNames)('Grafana "Node Exporter Full" dashboard names', () => {
  it('are served by us, default flags, at least as many as by prometheus-node-exporter on this machine', async () => {
    const bundle = join(mkdtempSync(join(tmpdir(), 'lte-dashboard-')), 'lte.cjs');
    execFileSync(process.execPath, [join(ROOT, 'build', 'bundle.mjs'), bundle], { cwd: ROOT });
    const [ourPort, theirPort] = [await freePort(), await freePort()];
    const [ours, theirs] = await Promise.all([
      startAndScrape(process.execPath, [bundle, `--web.listen-address=127.0.0.1:${ourPort}`], ourPort),
      startAndScrape('prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${theirPort}`], theirPort),
    ]);
    const version = /node_exporter_build_info\{[^}]*version="([^"]+)"/.exec(theirs)?.[1] ?? '?';
    const names = dashboardNames();
    const r = compareDashboard(names, ours, theirs);
    console.log(
      [
        `dashboard names (${names.length}): ours ${r.ours}, prometheus-node-exporter ${version} ${r.theirs}`,
        `only prometheus-node-exporter: ${r.onlyTheirs.join(' ') || '-'}`,
        `only ours: ${r.onlyOurs.join(' ') || '-'}`,
        `neither: ${r.neither.join(' ') || '-'}`,
      ].join('\n'),
    );
    expect(r.ours, `ours serves fewer dashboard names than prometheus-node-exporter; missing: ${r.onlyTheirs.join(' ')}`).toBeGreaterThanOrEqual(r.theirs);
  }, 60_000);
});

describe('dashboard name counting', () => {
  it('counts sample names, and histogram/summary families by their base name', () => {
    const text = [
      '# HELP a_total A.',
      '# TYPE a_total counter',
      'a_total 1',
      '# TYPE h histogram',
      'h_bucket{le="+Inf"} 1',
      'h_sum 1',
      'h_count 1',
      '# TYPE s summary',
      '# TYPE g gauge',
      'g{x="y"} 2',
    ].join('\n');
    expect([...presentNames(text)].sort()).toEqual(['a_total', 'g', 'h', 'h_bucket', 'h_count', 'h_sum']);
    expect(compareDashboard(['a_total', 'g', 'h', 's', 'z'], text, 'g 1\nz 2\n')).toEqual({ ours: 3, theirs: 2, onlyTheirs: ['z'], onlyOurs: ['a_total', 'h'], neither: ['s'] });
  });
});
