// The bundle pushing to real receivers from Debian packages on 127.0.0.1: Prometheus
// (--web.enable-remote-write-receiver) and VictoriaMetrics. What they store is compared with a /metrics
// scrape of the same exporter on the router fixture; outages, refusals and a receiver that never answers
// are made for real (receiver stopped, wrong password, an out-of-order sample, a socket left unanswered).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { compress, uncompress } from 'snappyjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SeriesTable } from '../../src/remoteWrite/series.ts';
import { encodeWriteRequest } from '../../src/remoteWrite/writeRequest.ts';
import { killAll, startExporter } from '../helpers/processes.ts';
import type { Running } from '../helpers/processes.ts';
import { apiValue, countingProxy, decodeWriteRequest, query, seriesKey, startPrometheus, startVictoriaMetrics, stopReceivers } from '../helpers/remoteWrite.ts';
import type { CountingProxy } from '../helpers/remoteWrite.ts';
import { FIXTURES, ROOT, samples } from '../helpers/scrape.ts';
import { hasCommand } from '../helpers/tools.ts';
import { makePki, opensslAvailable } from '../security/certs.ts';

const havePrometheus = hasCommand('prometheus');
const haveVictoria = hasCommand('victoria-metrics');
if (!havePrometheus) console.warn('prometheus not installed (apt-get install prometheus): skipping the remote-write tests against Prometheus');
if (!haveVictoria) console.warn('victoria-metrics not installed (apt-get install victoria-metrics): skipping the remote-write tests against VictoriaMetrics');

const router = join(FIXTURES, 'router');
const pathFlags = [`--path.procfs=${join(router, 'proc')}`, `--path.sysfs=${join(router, 'sys')}`, `--path.rootfs=${router}`];
/** Series whose values change from one scrape to the next whatever the fixture: the clock, and timings. */
const VOLATILE = /^(node_scrape_collector_duration_seconds|node_time_seconds)$/;

const dir = mkdtempSync(join(tmpdir(), 'lte-rw-'));
let bundle = '';
const proxies: CountingProxy[] = [];
beforeAll(() => {
  if (!havePrometheus && !haveVictoria) return;
  bundle = join(dir, 'lte.cjs');
  execFileSync(process.execPath, [join(ROOT, 'build', 'bundle.mjs'), bundle], { cwd: ROOT });
});
afterEach(killAll);
afterAll(async () => {
  stopReceivers();
  for (const p of proxies) await p.close();
});

let configs = 0;
function pushConfig(yaml: string): string {
  const file = join(dir, `rw-${++configs}.yml`);
  writeFileSync(file, yaml);
  return file;
}

function exporter(config: string, extra: readonly string[] = []): Promise<Running> {
  return startExporter(process.execPath, [bundle], [...pathFlags, `--remote-write.config.file=${config}`, ...extra]);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}`);
}

async function scrapeText(r: Running): Promise<string> {
  const res = await fetch(`http://${r.address}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

/** A self-metric's value from a /metrics text: sum over the series whose line contains `contains`. */
function selfMetric(text: string, name: string, contains = ''): number {
  return samples(text, name)
    .filter((l) => l.includes(contains))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

/**
 * Waits until the receiver holds every series of a /metrics scrape (with the external labels), then
 * checks each one's value against that scrape: exactly, or within a relative tolerance for a receiver
 * that does not store float64 exactly.
 */
async function expectReceiverMatchesScrape(api: string, r: Running, instance: string, relativeTolerance = 0): Promise<number> {
  const text = await scrapeText(r);
  const want = new Map<string, number>();
  const pushed = decodeWriteRequest(uncompress(new SeriesTable([['instance', instance], ['job', 'node']]).parse(text, 0, false).interval.body()));
  for (const s of pushed.timeseries) {
    const labels = s.labels;
    if (VOLATILE.test(labels.__name__ ?? '')) continue;
    want.set(seriesKey(labels), s.samples[0]!.value);
  }
  expect(want.size).toBeGreaterThan(800);
  let got = new Map<string, number>();
  let missing: string[] = [...want.keys()];
  for (const end = Date.now() + 30_000; missing.length > 0 && Date.now() < end; await sleep(250)) {
    const rows = await query(api, `{instance="${instance}",job="node"}`);
    got = new Map(rows.map((row) => [seriesKey(row.metric), apiValue(row.value)]));
    missing = [...want.keys()].filter((k) => !got.has(k));
  }
  expect(missing).toEqual([]);
  const same = (a: number, b: number | undefined): boolean => b !== undefined && (Object.is(a, b) || a === b || Math.abs(a - b) <= relativeTolerance * Math.abs(a));
  const mismatches = [...want].filter(([k, v]) => !same(v, got.get(k))).map(([k, v]) => `${k}: /metrics ${v}, receiver ${got.get(k)}`);
  expect(mismatches).toEqual([]);
  // Nothing at the receiver that /metrics does not serve either.
  const extra = [...got.keys()].filter((k) => !want.has(k) && !VOLATILE.test(/__name__="([^"]+)"/.exec(k)?.[1] ?? ''));
  expect(extra).toEqual([]);
  return want.size;
}

describe.skipIf(!havePrometheus)('remote write into Prometheus', () => {
  it('stores every series of a /metrics scrape, with the external labels and the same values', async () => {
    const prom = await startPrometheus();
    const proxy = await countingProxy(prom.writeUrl);
    proxies.push(proxy);
    const cfg = pushConfig(`global:\n  scrape_interval: 1s\n  external_labels:\n    instance: rw-prom\nremote_write:\n  - url: ${proxy.url}\n`);
    const r = await exporter(cfg, ['--web.disable-exporter-metrics']);
    const n = await expectReceiverMatchesScrape(prom.api, r, 'rw-prom');
    expect(n).toBeGreaterThan(800);
    // The wire: Remote-Write 1.0 headers, labels sorted, __name__ included, metadata sent.
    const first = proxy.seen.find((s) => (s.request?.timeseries.length ?? 0) > 0)!;
    expect(first.status).toBe(204);
    expect(first.headers['content-encoding']).toBe('snappy');
    expect(first.headers['content-type']).toBe('application/x-protobuf');
    expect(first.headers['x-prometheus-remote-write-version']).toBe('0.1.0');
    expect(first.headers['user-agent']).toMatch(/^linux-tiny-exporter\/\d+\.\d+\.\d+$/);
    for (const ts of first.request!.timeseries) {
      expect(ts.order).toEqual([...ts.order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(ts.order).toContain('__name__');
      expect(ts.samples).toHaveLength(1);
    }
    // One timestamp per push, the time of collection.
    expect(new Set(first.request!.timeseries.map((t) => t.samples[0]!.timestampMs)).size).toBe(1);
    const md = proxy.seen.find((s) => (s.request?.metadata.length ?? 0) > 0);
    expect(md?.status).toBe(204);
    expect(md!.request!.timeseries).toHaveLength(0);
    expect(md!.request!.metadata).toContainEqual({ type: 2, family: 'node_load1', help: '1m load average.', unit: '' });
    expect(proxy.seen.every((s) => s.status === 204)).toBe(true);
  }, 90_000);

  it('401 for a wrong password: logged once, counted, not retried; /metrics keeps serving', async () => {
    const web = join(dir, 'prom-web.yml');
    writeFileSync(web, `basic_auth_users:\n  alice: ${bcrypt.hashSync('right', 4)}\n`);
    const prom = await startPrometheus([`--web.config.file=${web}`]);
    const proxy = await countingProxy(prom.writeUrl);
    proxies.push(proxy);
    writeFileSync(join(dir, 'wrong'), 'wrong\n');
    writeFileSync(join(dir, 'right'), 'right\n');
    const cfg = pushConfig(
      `global:\n  scrape_interval: 500ms\n  external_labels:\n    instance: rw-401\nremote_write:\n` +
        `  - url: ${proxy.url}\n    name: wrong\n    basic_auth:\n      username: alice\n      password_file: wrong\n` +
        `  - url: ${prom.writeUrl}\n    name: right\n    basic_auth:\n      username: alice\n      password_file: right\n`,
    );
    const r = await exporter(cfg);
    await sleep(4_000);
    const text = await scrapeText(r);
    const statuses = proxy.seen.map((s) => s.status);
    expect(statuses.length).toBeGreaterThanOrEqual(4);
    expect(new Set(statuses)).toEqual(new Set([401]));
    // No retry storm: one request per push (plus the metadata), each refused once and dropped.
    expect(selfMetric(text, 'linux_tiny_exporter_remote_storage_requests_total', 'remote_name="wrong",url="' + proxy.url + '",outcome="drop"')).toBeGreaterThanOrEqual(statuses.length - 1);
    expect(selfMetric(text, 'linux_tiny_exporter_remote_storage_samples_retried_total', 'remote_name="wrong"')).toBe(0);
    expect(selfMetric(text, 'linux_tiny_exporter_remote_storage_samples_failed_total', 'remote_name="wrong"')).toBeGreaterThan(0);
    expect(selfMetric(text, 'linux_tiny_exporter_remote_storage_samples_pending', 'remote_name="wrong"')).toBe(0);
    expect(r.stderr().match(/request refused by the receiver/g)).toHaveLength(1);
    expect(r.stderr()).toMatch(/remote_name=wrong .*status=401/);
    // The right password on the same Prometheus gets through.
    expect(selfMetric(text, 'linux_tiny_exporter_remote_storage_samples_total', 'remote_name="right"')).toBeGreaterThan(800);
    expect(selfMetric(text, 'linux_tiny_exporter_remote_storage_samples_failed_total', 'remote_name="right"')).toBe(0);
  }, 90_000);

  it('400 for a rejected request (a clock that went backwards): logged once, counted, not retried', async () => {
    const prom = await startPrometheus();
    // The receiver already holds node_load1 of this instance ten minutes in the future, so every push
    // carries an out-of-order sample, which Prometheus refuses with 400.
    const future = Date.now() + 600_000;
    const seed = await fetch(prom.writeUrl, {
      method: 'POST',
      headers: { 'Content-Encoding': 'snappy', 'Content-Type': 'application/x-protobuf', 'X-Prometheus-Remote-Write-Version': '0.1.0' },
      body: compress(encodeWriteRequest({ timeseries: [{ labels: [['__name__', 'node_load1'], ['instance', 'rw-400'], ['job', 'node']], samples: [{ value: 1, timestampMs: future }] }], metadata: [] })),
    });
    expect(seed.status).toBe(204);
    const proxy = await countingProxy(prom.writeUrl);
    proxies.push(proxy);
    const cfg = pushConfig(`global:\n  scrape_interval: 500ms\n  external_labels:\n    instance: rw-400\nremote_write:\n  - url: ${proxy.url}\n    metadata_config:\n      send: false\n`);
    const r = await exporter(cfg);
    await sleep(4_000);
    const text = await scrapeText(r);
    const statuses = proxy.seen.map((s) => s.status);
    expect(statuses.length).toBeGreaterThanOrEqual(4);
    expect(new Set(statuses)).toEqual(new Set([400]));
    // Every request the receiver saw was a distinct push: none sent twice.
    const stamps = proxy.seen.map((s) => s.request!.timeseries[0]!.samples[0]!.timestampMs);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(selfMetric(text, 'linux_tiny_exporter_remote_storage_samples_retried_total')).toBe(0);
    expect(selfMetric(text, 'linux_tiny_exporter_remote_storage_samples_failed_total')).toBeGreaterThan(0);
    expect(r.stderr().match(/request refused by the receiver/g)).toHaveLength(1);
    expect(r.stderr()).toMatch(/status=400 err="HTTP 400: out of order sample/);
  }, 90_000);
});

describe.skipIf(!haveVictoria)('remote write into VictoriaMetrics', () => {
  it('stores every series of a /metrics scrape, with the external labels and the same values', async () => {
    const vm = await startVictoriaMetrics();
    const cfg = pushConfig(`global:\n  scrape_interval: 1s\n  external_labels:\n    instance: rw-vm\nremote_write:\n  - url: ${vm.writeUrl}\n`);
    const r = await exporter(cfg, ['--web.disable-exporter-metrics']);
    // VictoriaMetrics keeps about 12 significant decimal digits of a float (186420.113560312 comes back
    // as 186420.11356031): equal within 1e-11, relative.
    expect(await expectReceiverMatchesScrape(vm.api, r, 'rw-vm', 1e-11)).toBeGreaterThan(800);
  }, 90_000);

  /** Raw timestamps of node_load1 for an instance, as VictoriaMetrics stored them (duplicates included). */
  async function storedStamps(api: string, instance: string): Promise<number[]> {
    const res = await fetch(`${api}/export?match[]=${encodeURIComponent(`node_load1{instance="${instance}"}`)}`);
    const lines = (await res.text()).trim().split('\n').filter((l) => l !== '');
    return lines.flatMap((l) => (JSON.parse(l) as { timestamps: number[] }).timestamps).sort((a, b) => a - b);
  }

  it('outage: the receiver stopped for several intervals, then started: every interval arrives, none twice', async () => {
    const vm = await startVictoriaMetrics();
    const cfg = pushConfig(`global:\n  scrape_interval: 500ms\n  external_labels:\n    instance: rw-outage\nremote_write:\n  - url: ${vm.writeUrl}\n    queue_config:\n      max_backoff: 500ms\n`);
    const r = await exporter(cfg, ['--collector.disable-defaults', '--collector.loadavg']);
    await until('first samples', async () => ((await storedStamps(vm.api, 'rw-outage')).length > 0 ? true : undefined));
    await vm.stop();
    const down = Date.now();
    await sleep(4_000);
    const during = await scrapeText(r);
    expect(selfMetric(during, 'linux_tiny_exporter_remote_storage_samples_pending')).toBeGreaterThan(0);
    await vm.start();
    const up = Date.now();
    // Pushes made after the receiver came back are stored, so is everything queued before them.
    await until('pushes after the outage at the receiver', async () => {
      const s = await storedStamps(vm.api, 'rw-outage');
      return s.length > 0 && s[s.length - 1]! >= up + 1_000 ? true : undefined;
    });
    await r.stop();
    const stamps = await storedStamps(vm.api, 'rw-outage');
    expect(stamps.filter((t) => t > down && t < up).length).toBeGreaterThanOrEqual(6);
    expect(new Set(stamps).size).toBe(stamps.length);
    // Every interval: no gap much longer than the push interval, the outage included.
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]!);
    expect(Math.max(...gaps)).toBeLessThan(1_000);
    const text = r.stderr();
    expect(text.match(/send failed, retrying/g)).toHaveLength(1);
    expect(text).toMatch(/receiver reachable again/);
  }, 90_000);

  it('outage longer than the queue: the oldest are dropped and counted, the queue stays within its capacity', async () => {
    const vm = await startVictoriaMetrics();
    const capacity = 400;
    const cfg = pushConfig(`global:\n  scrape_interval: 500ms\n  external_labels:\n    instance: rw-small\nremote_write:\n  - url: ${vm.writeUrl}\n    metadata_config:\n      send: false\n    queue_config:\n      capacity: ${capacity}\n      max_backoff: 500ms\n`);
    const r = await exporter(cfg, ['--collector.disable-defaults', '--collector.loadavg']);
    await until('first samples', async () => ((await storedStamps(vm.api, 'rw-small')).length > 0 ? true : undefined));
    await vm.stop();
    const down = Date.now();
    let most = 0;
    for (let i = 0; i < 12; i++) {
      await sleep(500);
      const t = await scrapeText(r);
      const pending = selfMetric(t, 'linux_tiny_exporter_remote_storage_samples_pending');
      most = Math.max(most, pending);
      expect(pending).toBeLessThanOrEqual(capacity);
      expect(selfMetric(t, 'linux_tiny_exporter_remote_storage_samples_capacity')).toBe(capacity);
    }
    const during = await scrapeText(r);
    const dropped = selfMetric(during, 'linux_tiny_exporter_remote_storage_samples_dropped_total');
    expect(dropped).toBeGreaterThan(0);
    expect(most).toBeGreaterThan(capacity / 2);
    await vm.start();
    const up = Date.now();
    await until('the queue to empty', async () => (selfMetric(await scrapeText(r), 'linux_tiny_exporter_remote_storage_samples_pending') === 0 ? true : undefined));
    const stamps = await until('the backlog at the receiver', async () => {
      const s = await storedStamps(vm.api, 'rw-small');
      return s.length > 0 && s[s.length - 1]! >= up ? s : undefined;
    });
    expect(new Set(stamps).size).toBe(stamps.length);
    // The start of the outage is lost (dropped, oldest first); its end was kept and arrived.
    const gaps = stamps.slice(1).map((t, i) => [stamps[i]!, t - stamps[i]!] as const);
    const [gapStart, longest] = gaps.reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(longest).toBeGreaterThan(2_000);
    expect(gapStart).toBeLessThan(down + 1_000);
    expect(stamps.filter((t) => t > down && t < up).length).toBeGreaterThan(0);
  }, 90_000);
});

describe.skipIf(!havePrometheus && !haveVictoria)('a receiver that accepts the connection and never answers', () => {
  it('pushes time out and are retried; /metrics answers meanwhile', async () => {
    const sockets: Socket[] = [];
    const black = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => black.listen(0, '127.0.0.1', resolve));
    const port = (black.address() as { port: number }).port;
    try {
      const cfg = pushConfig(`global:\n  scrape_interval: 500ms\nremote_write:\n  - url: http://127.0.0.1:${port}/api/v1/write\n    remote_timeout: 2s\n    queue_config:\n      max_backoff: 200ms\n`);
      const r = await exporter(cfg);
      for (let i = 0; i < 8; i++) {
        const t0 = performance.now();
        const text = await scrapeText(r);
        // A bounded liveness check: /metrics is not held up by the push (which waits two seconds each time).
        expect(performance.now() - t0).toBeLessThan(1_500);
        expect(text).toContain('node_load1 0.52');
        await sleep(250);
      }
      await sleep(3_000);
      const text = await scrapeText(r);
      expect(selfMetric(text, 'linux_tiny_exporter_remote_storage_requests_total', 'outcome="retry"')).toBeGreaterThanOrEqual(2);
      expect(selfMetric(text, 'linux_tiny_exporter_remote_storage_samples_total')).toBe(0);
      expect(selfMetric(text, 'linux_tiny_exporter_remote_storage_samples_pending')).toBeGreaterThan(0);
      expect(r.stderr()).toMatch(/send failed, retrying .*no answer within remote_timeout \(2000 ms\)/);
      expect(sockets.length).toBeGreaterThanOrEqual(2);
    } finally {
      for (const s of sockets) s.destroy();
      black.close();
    }
  }, 60_000);
});

describe.skipIf(!havePrometheus || !opensslAvailable)('remote write over TLS with a client certificate', () => {
  it('trusts the receiver through tls_config.ca_file and presents its certificate; without the CA, nothing is sent', async () => {
    const pki = makePki();
    try {
      const web = join(dir, 'prom-tls.yml');
      writeFileSync(web, `tls_server_config:\n  cert_file: ${pki.serverCert}\n  key_file: ${pki.serverKey}\n  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ${pki.caCert}\n`);
      const prom = await startPrometheus([`--web.config.file=${web}`], 'https');
      expect(prom.writeUrl.startsWith('https://')).toBe(true);
      const cfg = pushConfig(
        `global:\n  scrape_interval: 500ms\n  external_labels:\n    instance: rw-tls\nremote_write:\n` +
          `  - url: ${prom.writeUrl}\n    name: trusted\n    tls_config:\n      ca_file: ${pki.caCert}\n      cert_file: ${pki.clientCert}\n      key_file: ${pki.clientKey}\n` +
          `  - url: ${prom.writeUrl.replace('127.0.0.1', 'localhost')}\n    name: untrusted\n    tls_config:\n      cert_file: ${pki.clientCert}\n      key_file: ${pki.clientKey}\n`,
      );
      const r = await exporter(cfg, ['--collector.disable-defaults', '--collector.loadavg']);
      const text = await until('pushes accepted over TLS', async () => {
        const t = await scrapeText(r);
        return selfMetric(t, 'linux_tiny_exporter_remote_storage_samples_total', 'remote_name="trusted"') > 0 && selfMetric(t, 'linux_tiny_exporter_remote_storage_requests_total', 'remote_name="untrusted",url="https://localhost') > 0 ? t : undefined;
      });
      expect(selfMetric(text, 'linux_tiny_exporter_remote_storage_samples_total', 'remote_name="untrusted"')).toBe(0);
      expect(selfMetric(text, 'linux_tiny_exporter_remote_storage_requests_total', 'remote_name="untrusted",url="https://localhost:' + prom.port + '/api/v1/write",outcome="retry"')).toBeGreaterThan(0);
      expect(r.stderr()).toMatch(/remote_name=untrusted .*err="(unable to verify the first certificate|self[- ]signed certificate in certificate chain|unable to get local issuer certificate)"/);
    } finally {
      pki.remove();
    }
  }, 90_000);
});
