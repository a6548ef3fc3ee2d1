// A real server on 127.0.0.1 with an ephemeral port, spoken to over real HTTP.
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../src/app.ts';
import { parseCli } from '../src/cli.ts';
import { COLLECTORS } from '../src/collectors/index.ts';
import { silentLogger } from '../src/log.ts';
import { FilterError } from '../src/scrape.ts';
import { CONTENT_TYPE, startServer } from '../src/server.ts';
import type { RunningServer } from '../src/server.ts';
import { fixtureScraper, machineFlags } from './helpers/scrape.ts';
import { gatedSource } from './helpers/gatedSource.ts';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function http(address: string, path: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const url = new URL(`http://${address}${path}`);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, path: url.pathname + url.search, method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function routerServer(extra: string[] = []): Promise<RunningServer> {
  const argv = [...machineFlags('router'), '--web.listen-address=127.0.0.1:0', '--collector.disable-defaults', '--collector.loadavg', ...extra];
  const res = parseCli(argv, COLLECTORS);
  if (res.kind !== 'run') throw new Error('no config');
  const server = await startApp(res.config, fixtureScraper(argv), silentLogger);
  running.push(server);
  return server;
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!cond()) throw new Error('condition not reached');
}

describe('HTTP server', () => {
  it('serves the exposition with the Prometheus content type', async () => {
    const s = await routerServer();
    const r = await http(s.addresses[0]!, '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(CONTENT_TYPE);
    const text = r.body.toString();
    expect(text).toContain('node_load1 0.52\n');
    expect(text).toContain('node_scrape_collector_success{collector="loadavg"} 1');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
  });

  it('gzips when the client accepts it, and not when q=0', async () => {
    const s = await routerServer();
    const gz = await http(s.addresses[0]!, '/metrics', { headers: { 'Accept-Encoding': 'br, gzip;q=0.8' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toContain('node_load5 0.38\n');
    const plain = await http(s.addresses[0]!, '/metrics', { headers: { 'Accept-Encoding': 'gzip;q=0' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('node_load5 0.38\n');
  });

  it('answers HEAD with headers only', async () => {
    const s = await routerServer();
    const r = await http(s.addresses[0]!, '/metrics', { method: 'HEAD' });
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(0);
    expect(Number(r.headers['content-length'])).toBeGreaterThan(0);
  });

  it('rejects other methods with 405 and Allow', async () => {
    const s = await routerServer();
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const r = await http(s.addresses[0]!, '/metrics', { method });
      expect(r.status).toBe(405);
      expect(r.headers.allow).toBe('GET, HEAD');
    }
  });

  it('has a landing page linking to the telemetry path, and 404 elsewhere', async () => {
    const s = await routerServer(['--web.telemetry-path=/m']);
    const landing = await http(s.addresses[0]!, '/');
    expect(landing.status).toBe(200);
    expect(landing.headers['content-type']).toMatch(/^text\/html/);
    expect(landing.body.toString()).toContain('<a href="/m">');
    expect((await http(s.addresses[0]!, '/m')).status).toBe(200);
    expect((await http(s.addresses[0]!, '/metrics')).status).toBe(404);
    expect((await http(s.addresses[0]!, '/favicon.ico')).status).toBe(404);
  });

  it('filters one scrape with collect[] and exclude[]; both at once or an unknown name is 400', async () => {
    const argv = [...machineFlags('router'), '--web.listen-address=127.0.0.1:0'];
    const res = parseCli(argv, COLLECTORS);
    if (res.kind !== 'run') throw new Error('no config');
    const s = await startApp(res.config, fixtureScraper(argv), silentLogger);
    running.push(s);
    const only = (await http(s.addresses[0]!, '/metrics?collect[]=loadavg')).body.toString();
    expect(only.match(/^node_scrape_collector_success\{.*$/gm)).toEqual(['node_scrape_collector_success{collector="loadavg"} 1']);
    const without = (await http(s.addresses[0]!, '/metrics?exclude[]=loadavg')).body.toString();
    expect(without).not.toContain('collector="loadavg"');
    expect(without).not.toContain('node_load1 ');
    expect((await http(s.addresses[0]!, '/metrics?collect[]=loadavg&exclude[]=loadavg')).status).toBe(400);
    const unknown = await http(s.addresses[0]!, '/metrics?collect[]=nosuch');
    expect(unknown.status).toBe(400);
    expect(unknown.body.toString()).toContain('nosuch');
  });

  it('answers 503 beyond --web.max-requests and serves again once scrapes finish', async () => {
    const src = gatedSource();
    const s = await startServer({ listen: [{ host: '127.0.0.1', port: 0 }], telemetryPath: '/metrics', maxRequests: 2, source: src, log: silentLogger, landingTitle: 't' });
    running.push(s);
    const held = [http(s.addresses[0]!, '/metrics'), http(s.addresses[0]!, '/metrics')];
    await until(() => src.started === 2);
    const rejected = await http(s.addresses[0]!, '/metrics');
    expect(rejected.status).toBe(503);
    src.release();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
    expect((await http(s.addresses[0]!, '/metrics')).status).toBe(200);
  });

  it('finishes in-flight scrapes on close and stops accepting', async () => {
    const src = gatedSource();
    const s = await startServer({ listen: [{ host: '127.0.0.1', port: 0 }], telemetryPath: '/metrics', maxRequests: 0, source: src, log: silentLogger, landingTitle: 't' });
    const addr = s.addresses[0]!;
    const inflight = http(addr, '/metrics');
    await until(() => src.started === 1);
    const closing = s.close();
    await expect(http(addr, '/metrics')).rejects.toThrow(/ECONNREFUSED/);
    src.release();
    const r = await inflight;
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe('# TYPE x gauge\nx 1\n');
    await closing;
  });

  it('listens on IPv6 loopback and on several addresses', async () => {
    const src = { scrape: async () => 'x 1\n' };
    const s = await startServer({ listen: [{ host: '127.0.0.1', port: 0 }, { host: '::1', port: 0 }], telemetryPath: '/metrics', maxRequests: 40, source: src, log: silentLogger, landingTitle: 't' });
    running.push(s);
    expect(s.addresses).toHaveLength(2);
    expect(s.addresses[1]).toMatch(/^\[::1\]:\d+$/);
    for (const a of s.addresses) expect((await http(a, '/metrics')).body.toString()).toBe('x 1\n');
  });

  it('answers 500 without crashing when a scrape throws, and 400 for filter errors', async () => {
    let mode: 'boom' | 'filter' = 'boom';
    const src = {
      scrape: async () => {
        throw mode === 'boom' ? new Error('boom') : new FilterError('missing collector: x');
      },
    };
    const s = await startServer({ listen: [{ host: '127.0.0.1', port: 0 }], telemetryPath: '/metrics', maxRequests: 40, source: src, log: silentLogger, landingTitle: 't' });
    running.push(s);
    expect((await http(s.addresses[0]!, '/metrics')).status).toBe(500);
    mode = 'filter';
    expect((await http(s.addresses[0]!, '/metrics')).status).toBe(400);
  });
});
