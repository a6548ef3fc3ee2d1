// The bundle as a process: exit codes, messages, listening, signals.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateExposition } from './helpers/exposition.ts';
import { FIXTURES, ROOT } from './helpers/scrape.ts';
import { killAll, startExporter } from './helpers/processes.ts';
import type { Running } from './helpers/processes.ts';

let bundle = '';
beforeAll(() => {
  bundle = join(mkdtempSync(join(tmpdir(), 'lte-bundle-')), 'linux-tiny-exporter.cjs');
  execFileSync(process.execPath, [join(ROOT, 'build', 'bundle.mjs'), bundle], { cwd: ROOT });
});

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [bundle, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
    return { code: 0, stdout, stderr: '' };
  } catch (err) {
    const e = err as { status: number | null; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

afterEach(killAll);

/** Starts the bundle on an ephemeral loopback port and resolves with the bound address from its log. */
function start(args: string[]): Promise<Running> {
  return startExporter(process.execPath, [bundle], args);
}

const router = join(FIXTURES, 'router');
const pathFlags = [`--path.procfs=${join(router, 'proc')}`, `--path.sysfs=${join(router, 'sys')}`, `--path.rootfs=${router}`];

describe('the bundle as a process', () => {
  it.each([
    [['--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['--path.procfs=/does/not/exist'], /--path.procfs=\/does\/not\/exist: no such directory/],
    [['--web.listen-address=:70000'], /invalid --web.listen-address/],
    [['--collector.diskstats.device-exclude=('], /invalid regular expression/],
  ])('exits 2 with one clear line for %j', (args, msg) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints its version and help', () => {
    expect(run(['--version']).stdout).toMatch(/^linux-tiny-exporter \d+\.\d+\.\d+ \(node v\d+/);
    const help = run(['--help']).stdout;
    expect(help).toContain('--web.listen-address');
    expect(help).toContain('--[no-]collector.loadavg');
  });

  it('spells every value as the text format does right after start, its own metrics included', async () => {
    const { address } = await start(pathFlags);
    const text = await (await fetch(`http://${address}/metrics`)).text();
    expect(text).toContain('\nnodejs_eventloop_lag_mean_seconds ');
    expect(text).toContain('\nprocess_resident_memory_bytes ');
    // Every value token: a decimal float, +Inf, -Inf or NaN (allowed here: the event-loop figures are NaN
    // until the monitor's first sample), nothing else (prom-client alone would write `Nan`).
    expect(validateExposition(text, { allowNaN: true })).toEqual([]);
  });

  it('serves metrics and exits 0 on SIGTERM and SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const { child, address } = await start(pathFlags);
      const res = await fetch(`http://${address}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('node_load1 0.52');
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      child.kill(signal);
      expect(await exited).toBe(0);
    }
  });

  it('sleeps when idle: a few wakeups a second, not a hundred', async () => {
    // Context switches of the main thread (/proc/<pid>/task/<pid>/status) while nobody scrapes: each
    // one is a wakeup. prom-client's default event-loop monitor alone made ~100 a second.
    const r = await start(pathFlags);
    const pid = r.child.pid!;
    const res = await fetch(`http://${r.address}/metrics`);
    expect(res.status).toBe(200);
    await res.text();
    const switches = (): number => {
      const status = readFileSync(`/proc/${pid}/task/${pid}/status`, 'utf8');
      return ['voluntary_ctxt_switches', 'nonvoluntary_ctxt_switches'].reduce((sum, k) => sum + Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1]), 0);
    };
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const before = switches();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const perSecond = (switches() - before) / 3;
    expect(perSecond).toBeLessThan(10);
  });

  it('cannot listen on a busy port: exits non-zero with a clear log line', async () => {
    const first = await start(pathFlags);
    const r = run([...pathFlags, `--web.listen-address=${first.address}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot listen.*EADDRINUSE/);
  });
});
