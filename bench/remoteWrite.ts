// Remote-write benchmark (issue 15): the push path's own costs, in-process on the router fixture, then
// N exporters (the bundle, each on its own copy of the router fixture with its own load average and
// `instance` label) pushing to one Debian Prometheus on 127.0.0.1, then one exporter whose receiver is
// down until its queue is full, on Node (the bundle) and as the x86_64 executable (when dist/ has it).
// `make bench-remote-write` builds and runs it.
//
//   node bench/.bench-remote-write.mjs [--short] [--exporters=50] [--seconds=120] [--exe=PATH] [--out=FILE]
//
// --exe: the x86_64 executable to measure with a full queue (default dist/linux-tiny-exporter-linux-x64).
// --short: 5 exporters for 20 s at a 2 s interval and a small queue (proves the script works; CI-sized).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_NODE_FLAGS, freePort, pathFlags } from './common.ts';
import { createScraper } from '../src/app.ts';
import { parseCli } from '../src/cli.ts';
import { COLLECTORS } from '../src/collectors/index.ts';
import { silentLogger } from '../src/log.ts';
import { DEFAULT_CAPACITY } from '../src/remoteWrite/config.ts';
import { SeriesTable } from '../src/remoteWrite/series.ts';
import type { Interval } from '../src/remoteWrite/series.ts';
import { rawBuffer, snappy } from '../src/remoteWrite/snappy.ts';
import { encodeSamples, encodeWriteRequest, samplesRequestSize } from '../src/remoteWrite/writeRequest.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'router');
const BUNDLE = join(ROOT, 'dist', 'linux-tiny-exporter.cjs');
const EXE = join(ROOT, 'dist', 'linux-tiny-exporter-linux-x64');

const args = process.argv.slice(2);
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const SHORT = args.includes('--short');
const N = Number(option('exporters') ?? (SHORT ? 5 : 50));
const SECONDS = Number(option('seconds') ?? (SHORT ? 20 : 120));
const INTERVAL = SHORT ? '2s' : '15s';
const FULL_QUEUE_CAPACITY = SHORT ? 30_000 : 300_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const log = (msg: string): void => void process.stderr.write(`bench-remote-write: ${msg}\n`);
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function treeFlags(tree: string): string[] {
  return [
    ...pathFlags(tree),
    `--collector.timex.perl=${join(ROOT, 'test', 'fixtures', 'adjtimex', 'fake-perl')}`,
    `--collector.textfile.directory=${join(tree, 'textfile')}`,
  ];
}

const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / CLK_TCK;
}
function rssMiB(pid: number): number {
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}


async function waitHttp(url: string, tries = 600): Promise<void> {
  for (let i = 0; i < tries; i++) {
    try {
      const r = await fetch(url);
      await r.text();
      if (r.ok) return;
    } catch {
      // not yet
    }
    await sleep(100);
  }
  throw new Error(`no answer from ${url}`);
}

const children: ChildProcess[] = [];
function cleanup(): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
}
process.on('exit', cleanup);

/** Sum of a self-metric over the lines that contain `contains`. */
function metric(text: string, name: string, contains = ''): number {
  return text
    .split('\n')
    .filter((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && l.includes(contains))
    .reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

// ------------------------------------------------------------------------------- in-process figures

async function inProcess(): Promise<Record<string, number>> {
  const res = parseCli(treeFlags(FIXTURE), COLLECTORS);
  if (res.kind !== 'run') throw new Error('flags');
  const scraper = createScraper(res.config, COLLECTORS, [], silentLogger);
  const ext = [['instance', 'router-0001'], ['job', 'node']] as const;
  const text = await scraper.scrape();
  // The push path as it runs: the table knows the series from the previous push.
  const table = new SeriesTable(ext);
  const first = table.parse(text, Date.now(), true);
  const once = table.parse(text, Date.now(), false).interval;
  const labels = once.series.map((s) => s.labels);
  const encode = (): Buffer => {
    const raw = rawBuffer(samplesRequestSize(labels, once.values, once.timestampMs, undefined));
    return raw.subarray(0, encodeSamples(labels, once.values, once.timestampMs, undefined, raw));
  };
  const rawBytes = encode().length;
  const packed = once.body();
  const md = snappy(encodeWriteRequest({ timeseries: [], metadata: first.metadata ?? [] }));
  const runs = SHORT ? 50 : 500;
  for (let i = 0; i < 20; i++) table.parse(text, Date.now(), false).interval.body();
  const cpu = (fn: () => void): number => {
    const c0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) fn();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000 / runs;
  };
  const parseMs = cpu(() => table.parse(text, Date.now(), false));
  const encodeMs = cpu(() => encode());
  const raw = Buffer.from(encode());
  const compressMs = cpu(() => snappy(raw));
  const c0 = process.cpuUsage();
  for (let i = 0; i < runs / 5; i++) await scraper.scrape();
  const c = process.cpuUsage(c0);
  const scrapeMs = (c.user + c.system) / 1000 / (runs / 5);
  return {
    series_per_push: once.samples,
    protobuf_bytes_per_push: rawBytes,
    compressed_bytes_per_push: packed.length,
    queued_bytes_per_push: once.bytes,
    compressed_metadata_bytes: md.length,
    cpu_ms_exposition_to_series: parseMs,
    cpu_ms_encode: encodeMs,
    cpu_ms_snappy: compressMs,
    cpu_ms_push_path: parseMs + encodeMs + compressMs,
    cpu_ms_scrape: scrapeMs,
  };
}

// ------------------------------------------------------------------------------- memory, part by part

/** The executable's V8 flags (build/sea.cjs), for the in-process memory breakdown on this Node. */
const EXE_V8_FLAGS = ['--max-semi-space-size=1', '--max-old-space-size=32', '--lite-mode', '--no-expose-wasm', '--v8-pool-size=1', '--bytecode-old-age=1'];

/**
 * Where a push's memory goes, in a child process run with the executable's V8 flags and --expose-gc:
 * after a full GC at each step, the heap, external memory and anonymous RSS added by the exposition
 * text, the series table (first push), one request encoded and compressed, and a full queue.
 */
async function memoryBreakdown(): Promise<Record<string, number>> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('--breakdown needs --expose-gc');
  const res = parseCli(treeFlags(FIXTURE), COLLECTORS);
  if (res.kind !== 'run') throw new Error('flags');
  const scraper = createScraper(res.config, COLLECTORS, [], silentLogger);
  for (let i = 0; i < 5; i++) await scraper.scrape();
  const at = (): { heap: number; external: number; anon: number } => {
    gc();
    gc();
    const m = process.memoryUsage();
    const anon = Number(/^RssAnon:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
    return { heap: m.heapUsed / 1048576, external: m.external / 1048576, anon };
  };
  const out: Record<string, number> = {};
  const step = (name: string, before: { heap: number; external: number; anon: number }): { heap: number; external: number; anon: number } => {
    const now = at();
    out[`${name}_heap_mib`] = now.heap - before.heap;
    out[`${name}_external_mib`] = now.external - before.external;
    out[`${name}_rss_anon_mib`] = now.anon - before.anon;
    return now;
  };
  const m0 = at();
  out.baseline_heap_used_mib = m0.heap;
  out.baseline_rss_anon_mib = m0.anon;
  const text = await scraper.scrape();
  const m1 = step('exposition_text', m0);
  const table = new SeriesTable([['instance', 'router-0001'], ['job', 'node']]);
  const first = table.parse(text, Date.now(), false).interval;
  const m2 = step('series_table_and_first_interval', m1);
  const body = first.body();
  const m3 = step('one_request_encoded_and_compressed', m2);
  const queue: Interval[] = [first];
  let samples = first.samples;
  for (let t = Date.now() + 1; samples + first.samples <= DEFAULT_CAPACITY; t++) {
    const iv = table.parse(text, t, false).interval;
    queue.push(iv);
    samples += iv.samples;
  }
  step('full_default_queue', m3);
  out.queue_samples = samples;
  out.queue_intervals = queue.length;
  out.request_bytes = body.length;
  return out;
}

// ------------------------------------------------------------------------------ N exporters -> one Prometheus

async function fleet(work: string): Promise<Record<string, number>> {
  const promPort = await freePort();
  writeFileSync(join(work, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
  const prom = spawn('prometheus', [`--config.file=${join(work, 'prometheus.yml')}`, `--storage.tsdb.path=${join(work, 'prom-data')}`, `--web.listen-address=127.0.0.1:${promPort}`, '--web.enable-remote-write-receiver', '--log.level=warn'], { stdio: 'ignore' });
  children.push(prom);
  await waitHttp(`http://127.0.0.1:${promPort}/-/ready`);
  const write = `http://127.0.0.1:${promPort}/api/v1/write`;

  log(`starting ${N} exporters (interval ${INTERVAL}) pushing to Prometheus on :${promPort}`);
  const fleet: { child: ChildProcess; port: number }[] = [];
  for (let i = 1; i <= N; i++) {
    const id = String(i).padStart(4, '0');
    const tree = join(work, `router-${id}`);
    cpSync(FIXTURE, tree, { recursive: true });
    // A variant of the fixture: its own load average.
    writeFileSync(join(tree, 'proc', 'loadavg'), `${(i / 100).toFixed(2)} ${(i / 50).toFixed(2)} ${(i / 25).toFixed(2)} 1/123 4567\n`);
    const cfg = join(work, `rw-${id}.yml`);
    writeFileSync(cfg, `global:\n  scrape_interval: ${INTERVAL}\n  external_labels:\n    instance: router-${id}\nremote_write:\n  - url: ${write}\n`);
    const port = await freePort();
    const child = spawn(process.execPath, [...BUNDLE_NODE_FLAGS, BUNDLE, `--web.listen-address=127.0.0.1:${port}`, `--remote-write.config.file=${cfg}`, ...treeFlags(tree)], { stdio: 'ignore' });
    children.push(child);
    fleet.push({ child, port });
  }
  for (const e of fleet) await waitHttp(`http://127.0.0.1:${e.port}/`);
  const cpu0 = fleet.map((e) => cpuSeconds(e.child.pid!));
  const text0 = await Promise.all(fleet.map(async (e) => (await fetch(`http://127.0.0.1:${e.port}/metrics`)).text()));
  const req0 = text0.map((t) => metric(t, 'linux_tiny_exporter_remote_storage_requests_total', 'outcome="sent"'));
  log(`all ${N} up; running ${SECONDS} s`);
  await sleep(SECONDS * 1000);
  const cpu1 = fleet.map((e) => cpuSeconds(e.child.pid!));
  const rss = fleet.map((e) => rssMiB(e.child.pid!));
  const texts = await Promise.all(fleet.map(async (e) => (await fetch(`http://127.0.0.1:${e.port}/metrics`)).text()));
  const sum = (name: string, contains = ''): number => texts.reduce((s, t) => s + metric(t, name, contains), 0);
  const requestsSent = texts.map((t) => metric(t, 'linux_tiny_exporter_remote_storage_requests_total', 'outcome="sent"'));
  const pushesInWindow = requestsSent.reduce((s, r, i) => s + r - (req0[i] ?? 0), 0);
  const cpuInWindow = cpu1.reduce((s, c, i) => s + c - (cpu0[i] ?? 0), 0);
  const q = async (promql: string): Promise<number> => {
    const r = (await (await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(promql)}`)).json()) as { data: { result: { value: [number, string] }[] } };
    return Number(r.data.result[0]?.value[1] ?? 0);
  };
  const figures = {
    exporters: N,
    seconds: SECONDS,
    interval_s: Number(INTERVAL.slice(0, -1)),
    series_received: await q('count({job="node"})'),
    instances_received: await q('count(count by (instance) ({job="node"}))'),
    samples_appended: metric(await (await fetch(`http://127.0.0.1:${promPort}/metrics`)).text(), 'prometheus_tsdb_head_samples_appended_total'),
    samples_sent: sum('linux_tiny_exporter_remote_storage_samples_total'),
    push_errors: sum('linux_tiny_exporter_remote_storage_requests_total', 'outcome="retry"') + sum('linux_tiny_exporter_remote_storage_requests_total', 'outcome="drop"'),
    samples_failed_or_dropped: sum('linux_tiny_exporter_remote_storage_samples_failed_total') + sum('linux_tiny_exporter_remote_storage_samples_dropped_total'),
    avg_compressed_bytes_per_request: sum('linux_tiny_exporter_remote_storage_bytes_total') / requestsSent.reduce((s, r) => s + r, 0),
    cpu_ms_per_push_whole_process: (cpuInWindow * 1000) / Math.max(1, pushesInWindow),
    median_rss_mib: median(rss),
  };
  for (const e of fleet) e.child.kill('SIGTERM');
  prom.kill('SIGTERM');
  await sleep(1000);
  return figures;
}

// ------------------------------------------------------------------------------ a full queue

/** A copy of the executable whose pages are not in the page cache, as on a router after boot (bench.ts does the same). */
function coldCopy(exe: string, dir: string): string {
  const copy = join(dir, 'linux-tiny-exporter');
  copyFileSync(exe, copy);
  chmodSync(copy, 0o755);
  execFileSync('sync', [copy]);
  spawnSync('dd', [`if=${copy}`, 'iflag=nocache', 'count=0'], { stdio: 'ignore' });
  return copy;
}

function peakMiB(pid: number): number {
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}

/** Resets VmHWM to the current RSS (Linux clear_refs 5); false where that is not allowed. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * One exporter whose receiver is down: its queue filled at a 100 ms interval (ten scrapes a second, to
 * fill it in under a minute), then, by SIGHUP, back to the real interval (15 s; 2 s with --short): one
 * interval to settle, then three intervals with the peak RSS reset at their start: RSS and peak RSS with a
 * full queue at the rate a router behind a dead WAN link runs, beside the same exporter without push,
 * scraped at the same interval.
 */
async function fullQueue(work: string, kind: 'bundle' | 'exe', exe?: string): Promise<Record<string, number>> {
  const dir = join(work, `full-${kind}`);
  mkdirSync(dir, { recursive: true });
  const [cmd, pre] = kind === 'bundle' ? [process.execPath, [...BUNDLE_NODE_FLAGS, BUNDLE]] : [coldCopy(exe as string, dir), []];
  const dead = await freePort(); // nothing listens there: every push is refused at connect and queued
  const cfg = join(dir, 'rw-full.yml');
  const config = (interval: string): string => `global:\n  scrape_interval: ${interval}\n  external_labels:\n    instance: full\nremote_write:\n  - url: http://127.0.0.1:${dead}/api/v1/write\n    name: down\n    queue_config:\n      capacity: ${FULL_QUEUE_CAPACITY}\n      max_backoff: 5s\n`;
  writeFileSync(cfg, config('100ms'));
  const port = await freePort();
  const child = spawn(cmd, [...pre, `--web.listen-address=127.0.0.1:${port}`, `--remote-write.config.file=${cfg}`, ...treeFlags(FIXTURE)], { stdio: 'ignore' });
  children.push(child);
  const plainPort = await freePort();
  const plain = spawn(cmd, [...pre, `--web.listen-address=127.0.0.1:${plainPort}`, ...treeFlags(FIXTURE)], { stdio: 'ignore' });
  children.push(plain);
  await waitHttp(`http://127.0.0.1:${port}/`);
  await waitHttp(`http://127.0.0.1:${plainPort}/`);
  log(`${kind}: filling a queue of ${FULL_QUEUE_CAPACITY} samples (receiver down, 100 ms interval)`);
  let text = '';
  for (let i = 0; i < 1200; i++) {
    await sleep(500);
    text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    if (metric(text, 'linux_tiny_exporter_remote_storage_samples_dropped_total') > 0) break;
  }
  const peakFilling = peakMiB(child.pid!);
  const rssFull = rssMiB(child.pid!);
  // The real interval from here on; the queue is kept across the reload.
  writeFileSync(cfg, config(INTERVAL));
  child.kill('SIGHUP');
  const intervalMs = Number(INTERVAL.slice(0, -1)) * 1000;
  // One interval to settle (V8 gives back the heap the fast fill grew), then the peak counts from here.
  await sleep(intervalMs + 1000);
  await (await fetch(`http://127.0.0.1:${plainPort}/metrics`)).text();
  const reset = resetPeak(child.pid!) && resetPeak(plain.pid!);
  log(`${kind}: queue full; ${INTERVAL} interval for three intervals`);
  for (let i = 0; i < 3; i++) {
    await sleep(intervalMs);
    await (await fetch(`http://127.0.0.1:${plainPort}/metrics`)).text();
  }
  await sleep(1000);
  text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const figures = {
    queue_capacity_samples: FULL_QUEUE_CAPACITY,
    queue_pending_samples: metric(text, 'linux_tiny_exporter_remote_storage_samples_pending'),
    queue_bytes: metric(text, 'linux_tiny_exporter_remote_storage_queue_bytes'),
    samples_dropped: metric(text, 'linux_tiny_exporter_remote_storage_samples_dropped_total'),
    heap_used_mib: metric(text, 'nodejs_heap_size_used_bytes') / 1048576,
    external_mib: metric(text, 'nodejs_external_memory_bytes') / 1048576,
    peak_rss_mib_while_filling_at_100ms: peakFilling,
    rss_mib_full_queue_at_100ms: rssFull,
    rss_mib_full_queue: rssMiB(child.pid!),
    peak_rss_mib_full_queue: reset ? peakMiB(child.pid!) : NaN,
    rss_mib_same_exporter_without_push: rssMiB(plain.pid!),
    peak_rss_mib_same_exporter_without_push: reset ? peakMiB(plain.pid!) : NaN,
  };
  child.kill('SIGKILL');
  plain.kill('SIGKILL');
  return figures;
}

if (args.includes('--breakdown')) {
  process.stdout.write(JSON.stringify(await memoryBreakdown()) + '\n');
  process.exit(0);
}

/** memoryBreakdown in a child with the executable's flags (the bench itself runs with Node's defaults). */
function breakdownInChild(): Record<string, number> {
  const r = spawnSync(process.execPath, ['--expose-gc', ...EXE_V8_FLAGS, fileURLToPath(import.meta.url), '--breakdown'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`memory breakdown failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, number>;
}

const work = mkdtempSync(join(tmpdir(), 'lte-bench-rw-'));
try {
  execFileSync('sh', ['-c', 'command -v prometheus'], { stdio: 'ignore' });
} catch {
  log('prometheus not installed (apt-get install prometheus): cannot run the fleet benchmark');
  process.exit(1);
}
const exe = option('exe') ?? EXE;
const result = {
  date: new Date().toISOString(),
  short: SHORT,
  loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
  push_path: await inProcess(),
  memory_breakdown: breakdownInChild(),
  fleet: await fleet(work),
  full_queue: await fullQueue(work, 'bundle'),
  ...(arch() === 'x64' && existsSync(exe) ? { full_queue_executable: await fullQueue(work, 'exe', exe) } : {}),
  loadavg_end: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
};
if (result.full_queue_executable === undefined) log(`no x86_64 executable at ${exe} (make dist, or --exe=PATH): full queue measured for the bundle only`);
process.stdout.write(JSON.stringify(result, null, 2) + '\n');
const out = option('out') ?? join(ROOT, 'bench', 'results', `${result.date.slice(0, 10)}-remote-write-${SHORT ? 'short' : 'full'}.json`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
log(`wrote ${out}`);
cleanup();
rmSync(work, { recursive: true, force: true });
process.exit(0);
