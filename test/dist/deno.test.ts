// The same bundle, dist/linux-tiny-exporter.cjs, under Deno 2 (npm package @deno/linux-x64-glibc):
// it serves the same families and values as under Node on the same fixtures.
//
// Deno's permission model: --allow-read --allow-net --allow-env --allow-sys (statfs(2) for the
// filesystem collector, uname(2) through node:os) are enough for files under the fixture trees, but
// Deno 2 refuses /proc and /sys (except /proc/pressure) to anything short of --allow-all ("Requires
// all access"), so on a real machine the exporter needs -A: shown below. The timex collector runs
// Perl (adjtimex(2)), which needs --allow-run for that program.
//
// node_uname_info is compared apart: its labels come from the live uname(2) under Node, while under
// Deno (whose os.version() returns the release) the uname collector takes `version` from
// <procfs>/sys/kernel/version, i.e. from the fixture tree here.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/scrape.ts';
import { BUNDLE, DENO, FAKE_PERL, FIXTURE_FLAGS, FIXTURE_MACHINES, VOLATILE, expositionDiff, killAll, parseExposition, projectVersion, requireBuilt, scrape, skipWithoutFixtures, startExporter } from './harness.ts';

const HAS_DENO = existsSync(DENO);
const MINIMAL = ['--allow-read', '--allow-net', '--allow-env', '--allow-sys', `--allow-run=${FAKE_PERL}`];
const COMPARED_APART = new RegExp(VOLATILE.source.replace('^(', '^(node_uname_info|'));

let denoDir = '';
beforeAll(() => {
  requireBuilt(BUNDLE);
  denoDir = mkdtempSync(join(tmpdir(), 'lte-deno-'));
});
afterEach(() => killAll());
afterAll(() => rmSync(denoDir, { recursive: true, force: true }));

/** Deno's cache goes to a temporary directory, never the user's home; no interactive prompts. */
const denoEnv = () => ({ ...process.env, DENO_DIR: denoDir, NO_COLOR: '1' });
const denoArgs = (perms: readonly string[]) => ['run', '--no-prompt', ...perms, BUNDLE];

function denoVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', '@deno', 'linux-x64-glibc', 'package.json'), 'utf8')) as { version: string }).version;
}

if (!HAS_DENO) console.warn('SKIPPING the Deno tests: node_modules/@deno/linux-x64-glibc is not installed (it installs on x86_64 glibc hosts only)');

describe.skipIf(!HAS_DENO)('the bundle under Deno (skipped where @deno/linux-x64-glibc is not installed)', () => {
  it('--version names Deno as the runtime', () => {
    const out = execFileSync(DENO, [...denoArgs(MINIMAL), '--version'], { encoding: 'utf8', env: denoEnv() });
    expect(out).toBe(`linux-tiny-exporter ${projectVersion()} (deno ${denoVersion()}, linux/x64)\n`);
  });

  it.for(FIXTURE_MACHINES)('with -A: the same families and values as under Node on the %s fixtures', async (machine, ctx) => {
    skipWithoutFixtures(machine, ctx);
    const flags = FIXTURE_FLAGS[machine];
    const ref = await startExporter(process.execPath, [BUNDLE], flags);
    const deno = await startExporter(DENO, denoArgs(['--allow-all']), flags, { env: denoEnv() });
    const a1 = await scrape(ref.address);
    const d = await scrape(deno.address);
    const a2 = await scrape(ref.address);
    expect(expositionDiff(a1, d, a2, COMPARED_APART)).toEqual([]);
    expect([...parseExposition(d).samples.keys()].filter((k) => k.startsWith('node_uname_info{'))).toHaveLength(1);
    expect(parseExposition(d).samples.get('node_load1')).toBe(machine === 'router' ? '0.52' : '0.21');
    expect(d).toMatch(/linux_tiny_exporter_build_info\{[^}]*runtime="deno \d+\.\d+\.\d+"/);
    expect(Number(parseExposition(d).samples.get('process_resident_memory_bytes'))).toBeGreaterThan(0);
    expect(await deno.stop()).toBe(0);
  });

  it('with only --allow-read --allow-net --allow-env --allow-sys --allow-run=<perl>: the same, less what prom-client reads from /proc/self', async () => {
    const flags = FIXTURE_FLAGS.router;
    const ref = await startExporter(process.execPath, [BUNDLE], flags);
    const deno = await startExporter(DENO, denoArgs(MINIMAL), flags, { env: denoEnv() });
    const a1 = await scrape(ref.address);
    const d = await scrape(deno.address);
    const a2 = await scrape(ref.address);
    // /proc/self/limits is refused: prom-client leaves process_max_fds out; the collectors, reading
    // the fixture tree, are unaffected.
    expect(expositionDiff(a1, d, a2, COMPARED_APART)).toEqual(['family missing: process_max_fds']);
    expect(parseExposition(d).samples.get('node_scrape_collector_success{collector="loadavg"}')).toBe('1');
    expect(await deno.stop()).toBe(0);
  });

  it('on the real /proc it needs --allow-all: short of it, it refuses to start', async () => {
    const all = await startExporter(DENO, denoArgs(['--allow-all']), [], { env: denoEnv() });
    const withAll = parseExposition(await scrape(all.address)).samples;
    expect(withAll.get('node_scrape_collector_success{collector="loadavg"}')).toBe('1');
    expect(withAll.has('node_load1')).toBe(true);
    expect(Number(withAll.get('process_max_fds'))).toBeGreaterThan(0);
    expect(await all.stop()).toBe(0);
    // The start-up check of --path.procfs cannot even stat /proc, and says why.
    const r = spawnSync(DENO, [...denoArgs(MINIMAL), '--web.listen-address=127.0.0.1:0'], { encoding: 'utf8', env: denoEnv(), timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--path\.procfs=\/proc: not allowed to read it \(under Deno, run with -A\)/);
  });
});
