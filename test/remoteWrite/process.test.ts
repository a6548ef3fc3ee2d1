// --remote-write.config.file in the bundle as a process: a bad file is exit 2 before anything listens,
// SIGHUP re-reads it (a bad one keeps the running config), SIGTERM flushes within a short deadline.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { killAll, runToExit, startExporter } from '../helpers/processes.ts';
import type { Running } from '../helpers/processes.ts';
import { query, startPrometheus, stopReceivers } from '../helpers/remoteWrite.ts';
import { FIXTURES, ROOT } from '../helpers/scrape.ts';
import { hasCommand } from '../helpers/tools.ts';

const havePrometheus = hasCommand('prometheus');
if (!havePrometheus) console.warn('prometheus not installed (apt-get install prometheus): skipping the SIGHUP remote-write test');

const router = join(FIXTURES, 'router');
const pathFlags = [`--path.procfs=${join(router, 'proc')}`, `--path.sysfs=${join(router, 'sys')}`, `--path.rootfs=${router}`, '--collector.disable-defaults', '--collector.loadavg'];
const dir = mkdtempSync(join(tmpdir(), 'lte-rwproc-'));
let bundle = '';
beforeAll(() => {
  bundle = join(dir, 'lte.cjs');
  execFileSync(process.execPath, [join(ROOT, 'build', 'bundle.mjs'), bundle], { cwd: ROOT });
});
afterEach(killAll);
afterAll(stopReceivers);

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitLog(r: Running, re: RegExp): Promise<void> {
  for (let i = 0; i < 400 && !re.test(r.stderr()); i++) await sleep(25);
  expect(r.stderr()).toMatch(re);
}

describe('--remote-write.config.file in the bundle', () => {
  it.each([
    ['a file that does not exist', () => join(dir, 'missing.yml'), /--remote-write.config.file=.*missing.yml: cannot read: ENOENT/],
    ['a bad URL', () => file('badurl.yml', 'remote_write:\n  - url: "http//no-colon"\n'), /remote_write\[0\]\.url: not a URL: "http\/\/no-colon"/],
    ['no receiver', () => file('none.yml', 'global:\n  scrape_interval: 15s\n'), /remote_write: want a list of at least one receiver/],
    ['a password file that does not exist', () => file('nopw.yml', 'remote_write:\n  - url: http://127.0.0.1:9/api/v1/write\n    basic_auth:\n      username: u\n      password_file: /nonexistent/pw\n'), /basic_auth\.password_file: cannot read \/nonexistent\/pw: ENOENT/],
    // (Tests run as root here, for whom no mode bits refuse a read: a directory is a file nobody can read.)
    ['a password file it cannot read', () => file('dirpw.yml', `remote_write:\n  - url: http://127.0.0.1:9/api/v1/write\n    basic_auth:\n      username: u\n      password_file: ${dir}\n`), /basic_auth\.password_file: cannot read .*: EISDIR/],
  ])('exits 2 with one line, before listening, for %s', (_name, path, message) => {
    const { code, stderr } = runToExit(process.execPath, [bundle, '--web.listen-address=127.0.0.1:0', ...pathFlags, `--remote-write.config.file=${path()}`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toContain('listening');
  });

  it.skipIf(!havePrometheus)('SIGHUP re-reads the file: new labels and interval apply, a broken file keeps the previous one', async () => {
    const prom = await startPrometheus();
    const cfg = file('hup.yml', `global:\n  scrape_interval: 500ms\n  external_labels:\n    instance: hup-a\nremote_write:\n  - url: ${prom.writeUrl}\n`);
    const r = await startExporter(process.execPath, [bundle], [...pathFlags, `--remote-write.config.file=${cfg}`]);
    const has = async (instance: string) => (await query(prom.api, `node_load1{instance="${instance}"}`)).length === 1;
    for (let i = 0; i < 100 && !(await has('hup-a')); i++) await sleep(100);
    expect(await has('hup-a')).toBe(true);

    writeFileSync(cfg, `global:\n  scrape_interval: 1s\n  external_labels:\n    instance: hup-b\nremote_write:\n  - url: ${prom.writeUrl}\n`);
    r.child.kill('SIGHUP');
    await waitLog(r, /msg="reloaded --remote-write.config.file" .*interval=1s/);
    for (let i = 0; i < 100 && !(await has('hup-b')); i++) await sleep(100);
    expect(await has('hup-b')).toBe(true);

    writeFileSync(cfg, 'remote_write:\n  - url: "::"\n');
    r.child.kill('SIGHUP');
    await waitLog(r, /msg="kept the previous --remote-write.config.file" .*not a URL/);
    expect(r.child.exitCode).toBeNull();
    const res = await fetch(`http://${r.address}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/linux_tiny_exporter_remote_storage_samples_total\{remote_name="127\.0\.0\.1:\d+\/api\/v1\/write",url="[^"]+"\} [1-9]/);
  }, 60_000);

  it('SIGTERM: the queue gets a short deadline to flush, then the exporter exits 0', async () => {
    const sockets: Socket[] = [];
    const black = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => black.listen(0, '127.0.0.1', resolve));
    const port = (black.address() as { port: number }).port;
    try {
      const cfg = file('term.yml', `remote_write:\n  - url: http://127.0.0.1:${port}/api/v1/write\n`);
      const r = await startExporter(process.execPath, [bundle], [...pathFlags, `--remote-write.config.file=${cfg}`]);
      for (let i = 0; i < 100 && sockets.length === 0; i++) await sleep(50);
      const t0 = performance.now();
      const code = await r.stop();
      // Bounded: the short flush deadline (within the 1.5 s shutdown grace), not the 30 s remote_timeout of the request in flight.
      expect(performance.now() - t0).toBeLessThan(9_000);
      expect(code).toBe(0);
      expect(r.stderr()).toMatch(/msg="remote write: samples not sent before shutdown" .*samples=\d+/);
    } finally {
      for (const s of sockets) s.destroy();
      black.close();
    }
  }, 30_000);
});
