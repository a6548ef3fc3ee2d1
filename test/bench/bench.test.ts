// `make bench` in its short mode, as CI runs it: the side-by-side benchmark starts both exporters,
// measures every figure and writes them as JSON. Only the shape is checked, never a speed (the figures
// of a few seconds on a shared CI machine mean nothing).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { hasCommand } from '../helpers/tools.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'linux-tiny-exporter.cjs');
const EXE = join(ROOT, 'dist', 'linux-tiny-exporter-linux-x64');

const FIGURES = [
  'rps_c1',
  'rps_c8',
  'p50_ms_c1',
  'p99_ms_c1',
  'p50_ms_c8',
  'p99_ms_c8',
  'cpu_s_per_1000_scrapes',
  'cpu_s_per_1000_scrapes_c8',
  'idle_rss_mib',
  'peak_rss_mib_c8',
  'rss_mib_at_checkpoint',
  'rss_mib_after_all',
  'fds_at_checkpoint',
  'fds_after_all',
  'first_scrape_ms',
  'scrape_bytes',
  'samples',
  'failed_requests',
] as const;

const missing = [
  ...(hasCommand('wrk') ? [] : ['wrk']),
  ...(hasCommand('prometheus-node-exporter') ? [] : ['prometheus-node-exporter']),
];
if (missing.length > 0) console.warn(`test/bench skipped: install the Debian package(s) ${missing.join(', ')} (make deps)`);

const dir = mkdtempSync(join(tmpdir(), 'lte-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(missing.length > 0)('make bench, short mode', () => {
  it('runs both exporters and writes every figure, ratio, target and scaling point as JSON', async () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} missing: make build`);
    // Bundled next to bench.ts, as `make bench` does (the script finds the project from its own path).
    const script = join(ROOT, 'bench', `.bench-test-${process.pid}.mjs`);
    await build({ entryPoints: [join(ROOT, 'bench', 'bench.ts')], outfile: script, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
    const out = join(dir, 'short.json');
    let stdout: string;
    try {
      stdout = execFileSync(process.execPath, [script, '--short', `--out=${out}`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    } finally {
      rmSync(script, { force: true });
    }
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      mode: string;
      exporters: Record<string, Record<string, unknown>>;
      ratios: Record<string, Record<string, unknown>>;
      targets: Array<{ name: string; met: unknown; detail: unknown }>;
      scale: Record<string, Array<Record<string, unknown>>>;
    };
    expect(report.mode).toBe('short');

    const ours = existsSync(EXE) && process.arch === 'x64' ? ['ours', 'ours_exe'] : ['ours'];
    expect(Object.keys(report.exporters).sort()).toEqual([...ours, 'node_exporter'].sort());
    for (const [id, figures] of Object.entries(report.exporters)) {
      for (const f of FIGURES) {
        expect(typeof figures[f], `${id}.${f}`).toBe('number');
        expect(Number.isFinite(figures[f]), `${id}.${f} = ${String(figures[f])}`).toBe(true);
      }
      expect(figures['rps_c1'] as number, `${id} served scrapes`).toBeGreaterThan(0);
      expect(figures['samples'] as number, `${id} exported samples`).toBeGreaterThan(100);
      expect(figures['failed_requests'], `${id} failed requests`).toBe(0);
    }
    for (const id of ours) {
      for (const f of FIGURES.filter((x) => x !== 'failed_requests')) expect(Number.isFinite(report.ratios[id]?.[f]), `ratio ${id}.${f}`).toBe(true);
    }
    expect(report.targets.length).toBe(10 * ours.length);
    for (const t of report.targets) expect(typeof t.met, t.name).toBe('boolean');

    expect(Object.keys(report.scale).sort()).toEqual(['node_exporter', 'ours']);
    for (const [id, points] of Object.entries(report.scale)) {
      expect(points.map((p) => p['size'])).toEqual([1, 16]);
      for (const p of points) {
        for (const k of ['samples', 'p50_ms', 'cpu_ms_per_scrape']) expect(Number.isFinite(p[k]), `${id} scale ${String(p['size'])} ${k}`).toBe(true);
      }
      // More interfaces and disks, more samples: the generated fixture reached the collectors.
      expect((points[1]?.['samples'] as number) > (points[0]?.['samples'] as number), id).toBe(true);
    }
    expect(stdout).toContain('| scrapes/s, 1 connection');
    expect(stdout).toContain('Targets:');
  }, 360_000);
});
