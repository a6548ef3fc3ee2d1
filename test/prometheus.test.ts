// A real Prometheus server (Debian package prometheus) scrapes the real bundle on 127.0.0.1 and sees it up.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/scrape.ts';
import { hasCommand } from './helpers/tools.ts';
import { freePort } from './helpers/processes.ts';

const havePrometheus = hasCommand('prometheus');
if (!havePrometheus) console.warn('prometheus not installed (apt-get install prometheus): skipping the real-server test');

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

interface TargetsReply {
  data: { activeTargets: { health: string; lastError: string; scrapeUrl: string }[] };
}
interface QueryReply {
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

describe.skipIf(!havePrometheus)('real Prometheus server', () => {
  it('scrapes the exporter (default flags, this machine) and shows the target up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lte-prom-'));
    const bundle = join(dir, 'lte.cjs');
    execFileSync(process.execPath, [join(ROOT, 'build', 'bundle.mjs'), bundle], { cwd: ROOT });
    const [exporterPort, promPort] = [await freePort(), await freePort()];
    children.push(spawn(process.execPath, [bundle, `--web.listen-address=127.0.0.1:${exporterPort}`], { stdio: 'ignore' }));
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: tiny\n    static_configs:\n      - targets: ['127.0.0.1:${exporterPort}']\n`,
    );
    children.push(
      spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`], {
        stdio: 'ignore',
      }),
    );
    const api = `http://127.0.0.1:${promPort}/api/v1`;
    let health = '';
    let lastError = '';
    for (let i = 0; i < 100 && health !== 'up'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      try {
        const t = (await (await fetch(`${api}/targets`)).json()) as TargetsReply;
        health = t.data.activeTargets[0]?.health ?? '';
        lastError = t.data.activeTargets[0]?.lastError ?? '';
      } catch {
        // Prometheus is still starting.
      }
    }
    expect(health, lastError).toBe('up');
    const q = (await (await fetch(`${api}/query?query=${encodeURIComponent('node_scrape_collector_success{job="tiny",collector="loadavg"}')}`)).json()) as QueryReply;
    expect(q.data.result.map((r) => r.value[1])).toEqual(['1']);
  }, 60_000);
});
