// promhttp_metric_handler_* (node_exporter's client_golang handler metrics), over real HTTP to a real
// server on 127.0.0.1: what a scrape sees of itself, of earlier answers, of 503s and of failures.
import { afterEach, describe, expect, it } from 'vitest';
import { createScraper, startApp } from '../src/app.ts';
import { parseCli } from '../src/cli.ts';
import { COLLECTORS } from '../src/collectors/index.ts';
import { registerHandlerMetrics } from '../src/handlerMetrics.ts';
import { exporterMetricsText } from '../src/exporterMetrics.ts';
import { silentLogger } from '../src/log.ts';
import { Registry } from '../src/promClient.ts';
import { startServer } from '../src/server.ts';
import type { RunningServer } from '../src/server.ts';
import { gatedSource } from './helpers/gatedSource.ts';
import { machineFlags, samples } from './helpers/scrape.ts';

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function app(extra: string[] = []): Promise<string> {
  const argv = [...machineFlags('router'), '--web.listen-address=127.0.0.1:0', '--collector.disable-defaults', '--collector.loadavg', ...extra];
  const res = parseCli(argv, COLLECTORS);
  if (res.kind !== 'run') throw new Error('no config');
  const server = await startApp(res.config, createScraper(res.config, COLLECTORS, [], silentLogger), silentLogger);
  running.push(server);
  return server.addresses[0]!;
}

const handlerLines = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('promhttp_metric_handler_'));

describe('promhttp_metric_handler_*', () => {
  it('counts answers by code as node_exporter does: the scrape itself is in flight, not yet counted', async () => {
    const address = await app();
    const first = await (await fetch(`http://${address}/metrics`)).text();
    expect(handlerLines(first)).toEqual([
      'promhttp_metric_handler_requests_total{code="200"} 0',
      'promhttp_metric_handler_requests_total{code="500"} 0',
      'promhttp_metric_handler_requests_total{code="503"} 0',
      'promhttp_metric_handler_requests_in_flight 1',
      'promhttp_metric_handler_errors_total{cause="encoding"} 0',
      'promhttp_metric_handler_errors_total{cause="gathering"} 0',
    ]);
    expect(first).toContain('# HELP promhttp_metric_handler_requests_total Total number of scrapes by HTTP status code.\n# TYPE promhttp_metric_handler_requests_total counter\n');
    expect(first).toContain('# TYPE promhttp_metric_handler_requests_in_flight gauge\n');
    expect(first).toContain('# TYPE promhttp_metric_handler_errors_total counter\n');
    // The landing page, an unknown path and a refused collect[] (400: node_exporter answers it before
    // its instrumented handler) are not scrapes.
    expect((await fetch(`http://${address}/`)).status).toBe(200);
    expect((await fetch(`http://${address}/nope`)).status).toBe(404);
    expect((await fetch(`http://${address}/metrics?collect[]=nosuch`)).status).toBe(400);
    await fetch(`http://${address}/metrics`, { headers: { 'Accept-Encoding': 'gzip' } });
    const third = await (await fetch(`http://${address}/metrics`)).text();
    expect(samples(third, 'promhttp_metric_handler_requests_total')[0]).toBe('promhttp_metric_handler_requests_total{code="200"} 2');
    expect(samples(third, 'promhttp_metric_handler_requests_in_flight')).toEqual(['promhttp_metric_handler_requests_in_flight 1']);
  });

  it('is left out with --web.disable-exporter-metrics, as node_exporter leaves it out', async () => {
    const address = await app(['--web.disable-exporter-metrics']);
    await fetch(`http://${address}/metrics`);
    expect(handlerLines(await (await fetch(`http://${address}/metrics`)).text())).toEqual([]);
  });

  it('counts 503 beyond --web.max-requests, 500 and a gathering error for a failed scrape', async () => {
    const reg = new Registry();
    const metrics = registerHandlerMetrics(reg);
    const src = gatedSource();
    const s = await startServer({ listen: [{ host: '127.0.0.1', port: 0 }], telemetryPath: '/metrics', maxRequests: 1, source: src, log: silentLogger, landingTitle: 't', handlerMetrics: metrics });
    running.push(s);
    const held = fetch(`http://${s.addresses[0]}/metrics`);
    for (let i = 0; i < 200 && src.started === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect((await fetch(`http://${s.addresses[0]}/metrics`)).status).toBe(503);
    expect(handlerLines(await exporterMetricsText(reg))).toContain('promhttp_metric_handler_requests_in_flight 1');
    src.release();
    expect((await held).status).toBe(200);

    const failing = await startServer({
      listen: [{ host: '127.0.0.1', port: 0 }],
      telemetryPath: '/metrics',
      maxRequests: 0,
      source: { scrape: () => Promise.reject(new Error('boom')) },
      log: silentLogger,
      landingTitle: 't',
      handlerMetrics: registerHandlerMetrics(reg),
    });
    running.push(failing);
    expect((await fetch(`http://${failing.addresses[0]}/metrics`)).status).toBe(500);
    expect(handlerLines(await exporterMetricsText(reg))).toEqual([
      'promhttp_metric_handler_requests_total{code="200"} 1',
      'promhttp_metric_handler_requests_total{code="500"} 1',
      'promhttp_metric_handler_requests_total{code="503"} 1',
      'promhttp_metric_handler_requests_in_flight 0',
      'promhttp_metric_handler_errors_total{cause="encoding"} 0',
      'promhttp_metric_handler_errors_total{cause="gathering"} 1',
    ]);
  });
});
