// Per-scrape cost of single collectors on a fixture machine: N in-process scrapes, one after the other,
// of a scraper built as main.ts builds it with --collector.disable-defaults --collector.<name>.
//
//   npx esbuild bench/collector-cost.ts --bundle --platform=node --format=esm --packages=external \
//     --outfile=bench/.collector-cost.mjs && node bench/.collector-cost.mjs [--machine=router] [--n=1000] [--any-success] [name...]
//
// The name "defaults" measures a scrape of the default collector set, "a+b+c" one scrape of those
// collectors; --any-success also measures
// collectors that find no data on the machine (what an absent collector costs).
//
// (run from the project root: the bundle resolves prom-client from ./node_modules, the fixtures from
// ./test/fixtures). --machine=/ reads this machine's own /proc, /sys and / instead of a fixture.
//
// Prints, per collector, the median and 90th percentile of the whole scrape() (collector, exposition
// text, node_scrape_collector_* lines), the median of the collector's own
// node_scrape_collector_duration_seconds, and the CPU time of the whole process per scrape (all
// threads, so reads done in libuv's pool count), next to a scrape with no collector at all.
import { join } from 'node:path';
import { createScraper } from '../src/app.ts';
import { parseCli } from '../src/cli.ts';
import { COLLECTORS } from '../src/collectors/index.ts';
import { silentLogger } from '../src/log.ts';

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const machine = opt('machine', 'router');
const n = Number(opt('n', '1000'));
const names = args.filter((a) => !a.startsWith('--'));
const collectors = names.length > 0 ? names : ['netclass', 'netstat', 'sockstat', 'softnet', 'os', 'conntrack_table'];

const base = machine === '/' ? '' : join(process.cwd(), 'test', 'fixtures', machine);
const pathFlags = [`--path.procfs=${base}/proc`, `--path.sysfs=${base}/sys`, `--path.rootfs=${base || '/'}`];

/** "defaults" stands for the default collector set (what a scrape of an unconfigured exporter costs). */
const DEFAULTS = 'defaults';
const anySuccess = args.includes('--any-success');

function scraperFor(collector: string | undefined) {
  // "a+b+c": those collectors in one scrape (e.g. make bench's twelve).
  const select = collector === DEFAULTS ? [] : ['--collector.disable-defaults', ...(collector ? collector.split('+').map((c) => `--collector.${c}`) : [])];
  const argv = ['--web.disable-exporter-metrics', ...pathFlags, ...select];
  const res = parseCli(argv, COLLECTORS);
  if (res.kind !== 'run') throw new Error('unexpected help/version');
  return createScraper(res.config, COLLECTORS, [], silentLogger);
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const us = (ms: number): string => `${(ms * 1000).toFixed(0).padStart(6)} µs`;

async function measure(collector: string | undefined): Promise<{ wall: number[]; own: number[]; lines: number; cpu: number }> {
  const scraper = scraperFor(collector);
  let text = '';
  for (let i = 0; i < Math.min(100, n); i++) text = await scraper.scrape();
  // A collector whose files are absent (success 0) is measured too with --any-success: what it costs to find nothing.
  if (collector && collector !== DEFAULTS && !anySuccess) {
    for (const c of collector.split('+')) if (!text.includes(`node_scrape_collector_success{collector="${c}"} 1`)) throw new Error(`${c} failed on ${machine}`);
  }
  const wall: number[] = [];
  const own: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    text = await scraper.scrape();
    wall.push(performance.now() - t0);
    const m = /^node_scrape_collector_duration_seconds\{collector="[^"]+"\} (\S+)$/m.exec(text);
    if (m) own.push(Number(m[1]) * 1000);
  }
  const used = process.cpuUsage(cpu0);
  wall.sort((a, b) => a - b);
  own.sort((a, b) => a - b);
  const lines = text.split('\n').filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('node_scrape_collector_')).length;
  // CPU time of the whole process (every thread: libuv's pool included) per scrape, in ms.
  return { wall, own, lines, cpu: (used.user + used.system) / 1000 / n };
}

console.log(`machine ${machine}, ${n} scrapes each, node ${process.version} ${process.arch}`);
console.log('collector        samples   scrape p50   scrape p90   collector p50   CPU/scrape (all threads)');
const baseline = await measure(undefined);
console.log(`${'(none)'.padEnd(16)} ${String(0).padStart(7)}   ${us(quantile(baseline.wall, 0.5))}    ${us(quantile(baseline.wall, 0.9))}                 ${us(baseline.cpu)}`);
for (const c of collectors) {
  const r = await measure(c);
  console.log(`${c.padEnd(16)} ${String(r.lines).padStart(7)}   ${us(quantile(r.wall, 0.5))}    ${us(quantile(r.wall, 0.9))}    ${us(quantile(r.own, 0.5))}       ${us(r.cpu)}`);
}
