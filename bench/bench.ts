// Side-by-side benchmark: linux-tiny-exporter (the bundle on this machine's Node, and the x86_64 single
// executable when built) against Debian's prometheus-node-exporter, on the same router fixture tree, with
// the same collectors, on 127.0.0.1. Start-up and the long run of scrapes are measured one exporter at a
// time; the wrk load then goes to each exporter in turn, in rounds, so that all of them are measured in
// the same stretches of time. `make bench` builds and runs it; see README.md#performance for what each
// figure means.
//
//   node bench/.bench.mjs [--short] [--no-scale] [--no-exe] [--out=FILE]
//
// --short: a few seconds per exporter instead of minutes (CI proves the benchmark works with it; its
// figures are too noisy to compare). Writes bench/results/<date>-<full|short>.json unless --out is given.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, chmodSync, cpSync, existsSync, openSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { arch, cpus, release, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_NODE_FLAGS, freePort, pathFlags } from './common.ts';

// ---------------------------------------------------------------------------------------------- setup

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'router');
const BUNDLE = join(ROOT, 'dist', 'linux-tiny-exporter.cjs');
const EXE = join(ROOT, 'dist', 'linux-tiny-exporter-linux-x64');

/** The collector set of the comparison (issue 5), in both exporters. */
export const COLLECTORS = ['cpu', 'meminfo', 'netdev', 'diskstats', 'hwmon', 'thermal_zone', 'loadavg', 'stat', 'conntrack', 'pressure', 'filefd', 'entropy'];


const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(`--${name}`);
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const SHORT = flag('short');
const P = SHORT
  ? { startups: 2, idleMs: 1_000, scrapes: 300, checkpoint: 30, wrkSeconds: 2, rounds: 2, scaleSizes: [1, 16], scaleScrapes: 20 }
  : { startups: 7, idleMs: 10_000, scrapes: 10_000, checkpoint: 1_000, wrkSeconds: 15, rounds: 5, scaleSizes: [1, 64, 512], scaleScrapes: 300 };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const log = (msg: string): void => void process.stderr.write(`bench: ${msg}\n`);

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

/** A command from a Debian package, installed with apt-get when absent (as root, or with sudo). */
function ensureDebian(cmd: string, pkg: string): string {
  const found = which(cmd);
  if (found) return found;
  log(`${cmd} is not installed: installing ${pkg} from Debian (apt-get)`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (cmd: string[]): void => {
    const r = spawnSync(sudo[0] ?? (cmd[0] as string), sudo.length ? cmd : cmd.slice(1), {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed`);
  };
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', pkg]);
  // node_exporter's service would compete for the CPU (and port 9100) during the run.
  if (pkg === 'prometheus-node-exporter') {
    spawnSync('sh', ['-c', 'command -v systemctl >/dev/null && systemctl stop prometheus-node-exporter'], { stdio: 'ignore' });
  }
  const installed = which(cmd);
  if (!installed) throw new Error(`${cmd} still not found after apt-get install ${pkg}`);
  return installed;
}


// ---------------------------------------------------------------------------------------- exporters

interface Exporter {
  readonly id: 'ours' | 'ours_exe' | 'node_exporter';
  readonly label: string;
  readonly cmd: string;
  argv(port: number, tree: string): string[];
}

function treeFlags(tree: string): string[] {
  return [
    ...pathFlags(tree),
    '--collector.disable-defaults',
    ...COLLECTORS.map((c) => `--collector.${c}`),
  ];
}

function exporters(nodeExporter: string, exe: string | undefined): Exporter[] {
  const list: Exporter[] = [
    {
      id: 'ours',
      label: `linux-tiny-exporter (bundle, node ${process.version})`,
      cmd: process.execPath,
      argv: (port, tree) => [...BUNDLE_NODE_FLAGS, BUNDLE, ...treeFlags(tree), `--web.listen-address=127.0.0.1:${port}`],
    },
  ];
  if (exe) {
    list.push({ id: 'ours_exe', label: 'linux-tiny-exporter (x86_64 executable)', cmd: exe, argv: (port, tree) => [...treeFlags(tree), `--web.listen-address=127.0.0.1:${port}`] });
  }
  list.push({
    id: 'node_exporter',
    label: `node_exporter (${nodeExporterVersion(nodeExporter)}, Debian)`,
    cmd: nodeExporter,
    // 1.5.0 reads net/dev over netlink by default, which ignores --path.procfs.
    argv: (port, tree) => [...treeFlags(tree), '--no-collector.netdev.netlink', `--web.listen-address=127.0.0.1:${port}`],
  });
  return list;
}

function nodeExporterVersion(cmd: string): string {
  const r = spawnSync(cmd, ['--version'], { encoding: 'utf8' });
  return /version (\S+)/.exec(`${r.stdout}${r.stderr}`)?.[1] ?? 'unknown version';
}

/**
 * A private copy of the executable whose pages are not in the page cache, as on a router after boot:
 * a file just written (or copied) sits in the page cache in large folios, and mapping those shows ~20 MiB
 * more RSS (docs/binaries.md).
 */
function coldCopyOfExe(dir: string): string | undefined {
  if (arch() !== 'x64' || !existsSync(EXE) || flag('no-exe')) return undefined;
  const copy = join(dir, 'linux-tiny-exporter');
  copyFileSync(EXE, copy);
  chmodSync(copy, 0o755);
  execFileSync('sync', [copy]);
  spawnSync('dd', [`if=${copy}`, 'iflag=nocache', 'count=0'], { stdio: 'ignore' });
  return copy;
}

interface Running {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly url: string;
  readonly stderr: () => string;
}

/** Where the exporters' logs go: a file, not a pipe (node_exporter logs a line per scrape, and a pipe
 * nobody drains while wrk runs would fill up and block it). */
let logDir = tmpdir();
let started = 0;

function start(e: Exporter, port: number, tree: string): Running {
  const logFile = join(logDir, `${e.id}-${++started}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn(e.cmd, e.argv(port, tree), { stdio: ['ignore', 'ignore', fd] });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`cannot start ${e.cmd}`);
  return { child, pid: child.pid, url: `http://127.0.0.1:${port}/metrics`, stderr: () => readFileSync(logFile, 'utf8').slice(-4000) };
}

async function stop(r: Running): Promise<void> {
  if (r.child.exitCode !== null || r.child.signalCode !== null) return;
  const exited = new Promise<void>((res) => r.child.once('exit', () => res()));
  r.child.kill('SIGTERM');
  const t = setTimeout(() => r.child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(t);
}

// ------------------------------------------------------------------------------------------ probes

interface Reply {
  status: number;
  body: string;
}

function get(url: string, agent: Agent | false): Promise<Reply> {
  return new Promise((res, rej) => {
    const req = request(url, { agent }, (resp) => {
      const chunks: Buffer[] = [];
      resp.on('data', (c: Buffer) => chunks.push(c));
      resp.on('end', () => res({ status: resp.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      resp.on('error', rej);
    });
    req.on('error', rej);
    req.end();
  });
}

const CLK_TCK = ((): number => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

/** utime + stime of a process, in seconds (/proc/<pid>/stat, fields 14 and 15). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** A field of /proc/<pid>/status in MiB (VmRSS, VmHWM). */
function statusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no ${field} for ${pid}`);
  return Number(m[1]) / 1024;
}

const openFds = (pid: number): number => readdirSync(`/proc/${pid}/fd`).length;

/** Spawn to the first HTTP 200 on /metrics, in milliseconds (polling every millisecond). */
async function timeToFirstScrape(e: Exporter, tree: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const r = start(e, port, tree);
  try {
    for (;;) {
      if (r.child.exitCode !== null) throw new Error(`${e.id} exited: ${r.stderr()}`);
      try {
        const reply = await get(r.url, false);
        if (reply.status === 200) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      if (performance.now() - t0 > 30_000) throw new Error(`${e.id}: no successful scrape within 30 s: ${r.stderr()}`);
      await sleep(1);
    }
  } finally {
    await stop(r);
  }
}

async function waitReady(r: Running, id: string): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    try {
      if ((await get(r.url, false)).status === 200) return;
    } catch {
      // not yet
    }
    if (performance.now() - t0 > 30_000) throw new Error(`${id} did not answer: ${r.stderr()}`);
    await sleep(10);
  }
}

interface WrkResult {
  requests: number;
  seconds: number;
  rps: number;
  p50ms: number;
  p99ms: number;
  errors: number;
}

function toMs(v: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(v);
  if (!m) return NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 's' ? n * 1000 : n;
}

/** wrk -c<connections> for the run length, keep-alive; percentiles from --latency. */
function wrk(url: string, connections: number, seconds: number): WrkResult {
  const threads = Math.min(connections, 2);
  const r = spawnSync('wrk', [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, '--latency', '--timeout', '10s', url], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wrk failed: ${r.stderr}`);
  const out = r.stdout;
  const done = /(\d+) requests in ([\d.]+)(ms|s|m)/.exec(out);
  const pct = (p: string): number => toMs(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(out)?.[1] ?? '');
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const sockErr = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const errors = non2xx + (sockErr ? sockErr.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
  const requests = Number(done?.[1] ?? NaN);
  const unit = done?.[3] === 'ms' ? 1 / 1000 : done?.[3] === 'm' ? 60 : 1;
  const secs = Number(done?.[2] ?? NaN) * unit;
  if (!(requests > 0)) throw new Error(`wrk -c${connections} completed no request:\n${out}\n${r.stderr}`);
  return { requests, seconds: secs, rps: requests / secs, p50ms: pct('50'), p99ms: pct('99'), errors };
}

// --------------------------------------------------------------------------------------- the figures

export interface Figures {
  label: string;
  rps_c1: number;
  rps_c8: number;
  p50_ms_c1: number;
  p99_ms_c1: number;
  p50_ms_c8: number;
  p99_ms_c8: number;
  cpu_s_per_1000_scrapes: number;
  cpu_s_per_1000_scrapes_c8: number;
  idle_rss_mib: number;
  peak_rss_mib_c8: number;
  rss_mib_at_checkpoint: number;
  rss_mib_after_all: number;
  fds_at_checkpoint: number;
  fds_after_all: number;
  first_scrape_ms: number;
  first_scrape_ms_runs: number[];
  scrape_bytes: number;
  samples: number;
  failed_requests: number;
}

/** What one exporter measured alone: start-up, idle memory, the long run of sequential scrapes. */
type Soak = Omit<Figures, 'rps_c1' | 'rps_c8' | 'p50_ms_c1' | 'p99_ms_c1' | 'p50_ms_c8' | 'p99_ms_c8' | 'cpu_s_per_1000_scrapes' | 'cpu_s_per_1000_scrapes_c8' | 'peak_rss_mib_c8'>;

interface Soaked {
  readonly e: Exporter;
  readonly r: Running;
  readonly soak: Soak;
}

/**
 * Start-up time (fresh processes, one at a time), then one long-running instance: idle RSS, and
 * P.scrapes scrapes one after the other with RSS and fds at the checkpoint and at the end. The
 * instance is left running for the load phase.
 */
async function soak(e: Exporter, tree: string): Promise<Soaked> {
  log(`${e.id}: time to first scrape x${P.startups}`);
  const startups: number[] = [];
  for (let i = 0; i < P.startups; i++) startups.push(await timeToFirstScrape(e, tree));

  const port = await freePort();
  const r = start(e, port, tree);
  try {
    await waitReady(r, e.id);
    const first = await get(r.url, false);
    const samples = first.body.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length;
    log(`${e.id}: idle ${P.idleMs / 1000} s`);
    await sleep(P.idleMs);
    const idleRss = statusMiB(r.pid, 'VmRSS');

    log(`${e.id}: ${P.scrapes} scrapes, one after the other`);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let failed = 0;
    let rssCheckpoint = NaN;
    let fdsCheckpoint = NaN;
    // Two scrapes so far (readiness and the sample count): the loop counts on from there.
    for (let n = 3; n <= P.scrapes; n++) {
      const reply = await get(r.url, agent);
      if (reply.status !== 200 || !reply.body.includes('node_scrape_collector_success')) failed++;
      if (n === P.checkpoint) {
        rssCheckpoint = statusMiB(r.pid, 'VmRSS');
        fdsCheckpoint = openFds(r.pid);
      }
    }
    agent.destroy();
    await sleep(200);
    return {
      e,
      r,
      soak: {
        label: e.label,
        idle_rss_mib: idleRss,
        rss_mib_at_checkpoint: rssCheckpoint,
        rss_mib_after_all: statusMiB(r.pid, 'VmRSS'),
        fds_at_checkpoint: fdsCheckpoint,
        fds_after_all: openFds(r.pid),
        first_scrape_ms: median(startups),
        first_scrape_ms_runs: startups.map((x) => Math.round(x * 10) / 10),
        scrape_bytes: Buffer.byteLength(first.body),
        samples,
        failed_requests: failed,
      },
    };
  } catch (err) {
    await stop(r);
    throw err;
  }
}

interface Load {
  rps: number;
  p50ms: number;
  p99ms: number;
  cpuPer1000: number;
  errors: number;
}

/**
 * wrk against every running exporter in turn, P.rounds rounds of P.wrkSeconds / P.rounds seconds each,
 * so that each exporter's figures come from the same stretches of time as the others': on a shared
 * machine whose speed drifts over minutes, two runs minutes apart can differ by more than the two
 * exporters do. Throughput and CPU are totals over the rounds; latency percentiles are the median of
 * the rounds' percentiles.
 */
function interleavedLoad(running: readonly Soaked[], connections: number): Map<string, Load> {
  const seconds = Math.max(1, Math.round(P.wrkSeconds / P.rounds));
  const acc = new Map(running.map((x) => [x.e.id, { requests: 0, seconds: 0, cpu: 0, p50: [] as number[], p99: [] as number[], errors: 0 }]));
  for (let round = 1; round <= P.rounds; round++) {
    // Alternate the order too, so that no exporter always runs right after the same one.
    const order = round % 2 === 1 ? running : [...running].reverse();
    for (const x of order) {
      log(`${x.e.id}: wrk, ${connections} connection${connections > 1 ? 's' : ''}, round ${round}/${P.rounds}, ${seconds} s`);
      const cpu0 = cpuSeconds(x.r.pid);
      const w = wrk(x.r.url, connections, seconds);
      const a = acc.get(x.e.id);
      if (!a) continue;
      a.cpu += cpuSeconds(x.r.pid) - cpu0;
      a.requests += w.requests;
      a.seconds += w.seconds;
      a.p50.push(w.p50ms);
      a.p99.push(w.p99ms);
      a.errors += w.errors;
      if (x.r.child.exitCode !== null) throw new Error(`${x.e.id} died: ${x.r.stderr()}`);
    }
  }
  return new Map([...acc].map(([id, a]) => [id, { rps: a.requests / a.seconds, p50ms: median(a.p50), p99ms: median(a.p99), cpuPer1000: (a.cpu / a.requests) * 1000, errors: a.errors }]));
}

/** Every exporter's figures: soaked one at a time, then loaded in turn, all running side by side. */
async function measureAll(list: readonly Exporter[], tree: string): Promise<Record<string, Figures>> {
  const running: Soaked[] = [];
  try {
    for (const e of list) running.push(await soak(e, tree));
    const c1 = interleavedLoad(running, 1);
    const c8 = interleavedLoad(running, 8);
    const results: Record<string, Figures> = {};
    for (const x of running) {
      const a = c1.get(x.e.id);
      const b = c8.get(x.e.id);
      if (!a || !b) throw new Error(`no load figures for ${x.e.id}`);
      results[x.e.id] = {
        ...x.soak,
        rps_c1: a.rps,
        rps_c8: b.rps,
        p50_ms_c1: a.p50ms,
        p99_ms_c1: a.p99ms,
        p50_ms_c8: b.p50ms,
        p99_ms_c8: b.p99ms,
        cpu_s_per_1000_scrapes: a.cpuPer1000,
        cpu_s_per_1000_scrapes_c8: b.cpuPer1000,
        // The high-water mark: only this exporter's own load (8 connections last) can have raised it.
        peak_rss_mib_c8: statusMiB(x.r.pid, 'VmHWM'),
        failed_requests: x.soak.failed_requests + a.errors + b.errors,
      };
    }
    return results;
  } finally {
    for (const x of running) await stop(x.r);
  }
}

// ----------------------------------------------------------------------------------- scaling input

function diskName(i: number): string {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `sd${s}`;
}

/** The router fixture with n generated network interfaces (net/dev, sysfs statistics) and n disks. */
function scaledTree(base: string, n: number): string {
  const dir = join(base, `scale-${n}`);
  cpSync(FIXTURE, dir, { recursive: true, verbatimSymlinks: true });
  let netdev = 'Inter-|   Receive                                                |  Transmit\n face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';
  let diskstats = '';
  rmSync(join(dir, 'sys', 'block'), { recursive: true, force: true });
  rmSync(join(dir, 'sys', 'class', 'net'), { recursive: true, force: true });
  for (let i = 0; i < n; i++) {
    const iface = `eth${i}`;
    netdev += `${iface.padStart(6)}: ${1000 + i} ${10 + i} 0 0 0 0 0 ${i} ${2000 + i} ${20 + i} 0 0 0 0 0 0\n`;
    const stats = join(dir, 'sys', 'class', 'net', iface, 'statistics');
    mkdirSync(stats, { recursive: true });
    writeFileSync(join(stats, 'rx_nohandler'), `${i}\n`);
    const disk = diskName(i);
    diskstats += `   8 ${i * 16} ${disk} ${100 + i} 0 ${800 + i} 50 ${200 + i} 0 ${1600 + i} 70 0 120 120 0 0 0 0 0 0\n`;
    const queue = join(dir, 'sys', 'block', disk, 'queue');
    mkdirSync(queue, { recursive: true });
    writeFileSync(join(queue, 'rotational'), '0\n');
  }
  writeFileSync(join(dir, 'proc', 'net', 'dev'), netdev);
  writeFileSync(join(dir, 'proc', 'diskstats'), diskstats);
  return dir;
}

interface ScalePoint {
  size: number;
  samples: number;
  p50_ms: number;
  cpu_ms_per_scrape: number;
}

async function scalePoint(e: Exporter, tree: string, size: number): Promise<ScalePoint> {
  const r = start(e, await freePort(), tree);
  try {
    await waitReady(r, e.id);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let body = '';
    for (let i = 0; i < Math.max(20, P.scaleScrapes / 10); i++) body = (await get(r.url, agent)).body;
    const lat: number[] = [];
    const cpu0 = cpuSeconds(r.pid);
    for (let i = 0; i < P.scaleScrapes; i++) {
      const t = performance.now();
      const reply = await get(r.url, agent);
      lat.push(performance.now() - t);
      if (reply.status !== 200) throw new Error(`${e.id}: HTTP ${reply.status} at size ${size}`);
    }
    const cpu = cpuSeconds(r.pid) - cpu0;
    agent.destroy();
    return { size, samples: body.split('\n').filter((l) => l !== '' && !l.startsWith('#')).length, p50_ms: median(lat), cpu_ms_per_scrape: (cpu / P.scaleScrapes) * 1000 };
  } finally {
    await stop(r);
  }
}

// ------------------------------------------------------------------------------------------- output

const RATIO_ROWS: ReadonlyArray<readonly [keyof Figures, string, string]> = [
  ['rps_c1', 'scrapes/s, 1 connection', '%.0f'],
  ['rps_c8', 'scrapes/s, 8 connections', '%.0f'],
  ['p50_ms_c1', 'p50 latency ms, 1 conn', '%.2f'],
  ['p99_ms_c1', 'p99 latency ms, 1 conn', '%.2f'],
  ['p50_ms_c8', 'p50 latency ms, 8 conns', '%.2f'],
  ['p99_ms_c8', 'p99 latency ms, 8 conns', '%.2f'],
  ['cpu_s_per_1000_scrapes', 'CPU s / 1000 scrapes (1 conn)', '%.2f'],
  ['cpu_s_per_1000_scrapes_c8', 'CPU s / 1000 scrapes (8 conns)', '%.2f'],
  ['idle_rss_mib', 'idle RSS MiB', '%.1f'],
  ['peak_rss_mib_c8', 'peak RSS MiB (VmHWM, 8 conns)', '%.1f'],
  ['rss_mib_at_checkpoint', 'RSS MiB at scrape CHECKPOINT', '%.1f'],
  ['rss_mib_after_all', 'RSS MiB after SCRAPES scrapes', '%.1f'],
  ['fds_at_checkpoint', 'open fds at scrape CHECKPOINT', '%.0f'],
  ['fds_after_all', 'open fds after SCRAPES scrapes', '%.0f'],
  ['first_scrape_ms', 'exec to first scrape ms (median)', '%.0f'],
  ['samples', 'samples per scrape', '%.0f'],
  ['scrape_bytes', 'bytes per scrape', '%.0f'],
  ['failed_requests', 'failed requests', '%.0f'],
];

function fmt(v: number, spec: string): string {
  if (!Number.isFinite(v)) return 'n/a';
  const digits = Number(/\.(\d)f/.exec(spec)?.[1] ?? 0);
  return v.toFixed(digits);
}

function table(results: Record<string, Figures>, ids: readonly string[]): string {
  const ne = results['node_exporter'];
  const ours = ids.filter((id) => id !== 'node_exporter');
  const head = ['figure', ...ids.map((id) => id), ...ours.map((id) => `${id}/node_exporter`)];
  const rows = RATIO_ROWS.map(([key, name, spec]) => {
    const cells = [name.replace('CHECKPOINT', String(P.checkpoint)).replace('SCRAPES', String(P.scrapes))];
    for (const id of ids) cells.push(fmt(results[id]?.[key] as number, spec));
    for (const id of ours) {
      const a = results[id]?.[key] as number;
      const b = ne?.[key] as number;
      cells.push(key === 'failed_requests' || key === 'samples' || key === 'scrape_bytes' || !b ? '' : `${(a / b).toFixed(2)}x`);
    }
    return cells;
  });
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

interface Target {
  name: string;
  met: boolean;
  detail: string;
}

function targets(results: Record<string, Figures>): Target[] {
  const ne = results['node_exporter'] as Figures;
  const out: Target[] = [];
  for (const id of Object.keys(results).filter((k) => k !== 'node_exporter')) {
    const o = results[id] as Figures;
    const pct = (a: number, b: number): number => (Math.abs(a - b) / b) * 100;
    out.push(
      { name: `${id}: throughput >= 2.0x, 1 connection`, met: o.rps_c1 >= 2 * ne.rps_c1, detail: `${(o.rps_c1 / ne.rps_c1).toFixed(2)}x` },
      { name: `${id}: throughput >= 2.0x, 8 connections`, met: o.rps_c8 >= 2 * ne.rps_c8, detail: `${(o.rps_c8 / ne.rps_c8).toFixed(2)}x` },
      { name: `${id}: p99 <= node_exporter's, 1 connection`, met: o.p99_ms_c1 <= ne.p99_ms_c1, detail: `${o.p99_ms_c1.toFixed(2)} vs ${ne.p99_ms_c1.toFixed(2)} ms` },
      { name: `${id}: p99 <= node_exporter's, 8 connections`, met: o.p99_ms_c8 <= ne.p99_ms_c8, detail: `${o.p99_ms_c8.toFixed(2)} vs ${ne.p99_ms_c8.toFixed(2)} ms` },
      { name: `${id}: idle RSS <= 50 MiB`, met: o.idle_rss_mib <= 50, detail: `${o.idle_rss_mib.toFixed(1)} MiB` },
      { name: `${id}: peak RSS <= 64 MiB under 8 connections`, met: o.peak_rss_mib_c8 <= 64, detail: `${o.peak_rss_mib_c8.toFixed(1)} MiB` },
      {
        name: `${id}: RSS flat within 5% from scrape ${P.checkpoint} to ${P.scrapes}`,
        met: pct(o.rss_mib_after_all, o.rss_mib_at_checkpoint) <= 5,
        detail: `${o.rss_mib_at_checkpoint.toFixed(1)} -> ${o.rss_mib_after_all.toFixed(1)} MiB`,
      },
      {
        name: `${id}: fds flat within 5% from scrape ${P.checkpoint} to ${P.scrapes}`,
        met: pct(o.fds_after_all, o.fds_at_checkpoint) <= 5,
        detail: `${o.fds_at_checkpoint} -> ${o.fds_after_all}`,
      },
      { name: `${id}: first scrape <= 200 ms after exec`, met: o.first_scrape_ms <= 200, detail: `${o.first_scrape_ms.toFixed(0)} ms` },
      { name: `${id}: no failed request`, met: o.failed_requests === 0, detail: String(o.failed_requests) },
    );
  }
  return out;
}

function scaleTable(scale: Record<string, ScalePoint[]>): string {
  const ids = Object.keys(scale);
  const sizes = scale[ids[0] as string]?.map((p) => p.size) ?? [];
  const head = ['interfaces + disks', ...ids.flatMap((id) => [`${id} samples`, `${id} p50 ms`, `${id} CPU ms/scrape`])];
  const rows = sizes.map((size, i) => [String(size), ...ids.flatMap((id) => {
    const p = scale[id]?.[i];
    return p ? [String(p.samples), p.p50_ms.toFixed(2), p.cpu_ms_per_scrape.toFixed(2)] : ['', '', ''];
  })]);
  const slope = ['CPU µs per added interface+disk', ...ids.flatMap((id) => {
    const pts = scale[id] ?? [];
    const a = pts[0];
    const b = pts[pts.length - 1];
    return a && b && b.size > a.size ? ['', '', (((b.cpu_ms_per_scrape - a.cpu_ms_per_scrape) / (b.size - a.size)) * 1000).toFixed(1)] : ['', '', ''];
  })];
  const all = [head, ...rows, slope];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line), line(slope)].join('\n');
}

// --------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} not found: make build`);
  ensureDebian('wrk', 'wrk');
  const nodeExporter = ensureDebian('prometheus-node-exporter', 'prometheus-node-exporter');
  const work = mkdtempSync(join(tmpdir(), 'lte-bench-'));
  logDir = work;
  try {
    const exe = coldCopyOfExe(work);
    const list = exporters(nodeExporter, exe);
    const results = await measureAll(list, FIXTURE);

    const scale: Record<string, ScalePoint[]> = {};
    if (!flag('no-scale')) {
      for (const size of P.scaleSizes) {
        const tree = scaledTree(work, size);
        for (const e of list.filter((x) => x.id !== 'ours_exe')) {
          log(`scale ${size}: ${e.id}`);
          (scale[e.id] ??= []).push(await scalePoint(e, tree, size));
        }
        rmSync(tree, { recursive: true, force: true });
      }
    }

    const ids = list.map((e) => e.id);
    const t = targets(results);
    const report = {
      date: new Date().toISOString(),
      mode: SHORT ? 'short' : 'full',
      machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model ?? '', kernel: release(), arch: arch(), node: process.version },
      params: P,
      collectors: COLLECTORS,
      bundle_node_flags: BUNDLE_NODE_FLAGS,
      exporters: results,
      ratios: Object.fromEntries(
        ids
          .filter((id) => id !== 'node_exporter')
          .map((id) => [
            id,
            Object.fromEntries(
              RATIO_ROWS.filter(([k]) => k !== 'failed_requests').map(([k]) => [k, (results[id]?.[k] as number) / (results['node_exporter']?.[k] as number)]),
            ),
          ]),
      ),
      targets: t,
      scale,
    };
    const out = option('out') ?? join(ROOT, 'bench', 'results', `${report.date.replace(/[:.]/g, '-')}-${report.mode}.json`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

    const labels = list.map((e) => `- ${e.id}: ${e.label}`).join('\n');
    process.stdout.write(`\n${SHORT ? 'SHORT MODE: figures only prove the benchmark runs.\n' : ''}${labels}\nmachine: ${report.machine.cpus} x ${report.machine.cpu_model}, kernel ${report.machine.kernel}\n\n`);
    process.stdout.write(`${table(results, ids)}\n\n`);
    if (Object.keys(scale).length > 0) process.stdout.write(`Scrape cost by input size (${P.scaleScrapes} scrapes each):\n\n${scaleTable(scale)}\n\n`);
    process.stdout.write(`Targets:\n${t.map((x) => `  [${x.met ? 'met' : 'NOT met'}] ${x.name}: ${x.detail}`).join('\n')}\n\nwritten: ${out}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
