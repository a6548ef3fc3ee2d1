// `make bench-remote-write` in its short mode: the push benchmark runs its exporters against a real
// Prometheus and writes every figure as JSON. Only the shape and the correctness figures (every instance
// arrived, no push errors, the queue filled to its capacity) are checked, never a speed or a size.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasCommand } from '../helpers/tools.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BUNDLE = join(ROOT, 'dist', 'linux-tiny-exporter.cjs');
const havePrometheus = hasCommand('prometheus');
if (!havePrometheus) console.warn('test/bench/remoteWrite skipped: install the Debian package prometheus (make deps)');

const dir = mkdtempSync(join(tmpdir(), 'lte-bench-rw-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!havePrometheus)('make bench-remote-write, short mode', () => {
  it('pushes from every exporter without an error and reports every figure', async () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} missing: make build`);
    const { buildRemoteWriteBench } = (await import(join(ROOT, 'bench', 'build.mjs'))) as { buildRemoteWriteBench: () => Promise<string> };
    const script = await buildRemoteWriteBench();
    const out = join(dir, 'short.json');
    execFileSync(process.execPath, [script, '--short', `--out=${out}`], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    const r = JSON.parse(readFileSync(out, 'utf8')) as Record<'push_path' | 'fleet' | 'full_queue', Record<string, number>> & { short: boolean };
    expect(r.short).toBe(true);
    for (const part of ['push_path', 'fleet', 'full_queue'] as const) {
      for (const [k, v] of Object.entries(r[part])) expect(Number.isFinite(v), `${part}.${k} = ${v}`).toBe(true);
    }
    expect(r.fleet.instances_received).toBe(r.fleet.exporters!);
    expect(r.fleet.series_received).toBeGreaterThan(800 * r.fleet.exporters!);
    expect(r.fleet.push_errors).toBe(0);
    expect(r.fleet.samples_failed_or_dropped).toBe(0);
    expect(r.push_path.compressed_bytes_per_push).toBeLessThan(r.push_path.protobuf_bytes_per_push!);
    expect(r.full_queue.samples_dropped).toBeGreaterThan(0);
    expect(r.full_queue.queue_pending_samples).toBeLessThanOrEqual(r.full_queue.queue_capacity_samples!);
  }, 300_000);
});
