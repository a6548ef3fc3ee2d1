// Memory of the x86_64 executable (its baked V8 flags): idle RSS <= 52 MiB, peak RSS <= 64 MiB under
// 8 concurrent keep-alive scrapers on 127.0.0.1, no failed scrape, no crash.
//
// The executable is measured from a private copy whose pages were dropped from the page cache first:
// a file that was just written sits in the page cache in large folios, and mapping those inflates the
// file-backed part of RSS by ~20 MiB compared with a binary read from disk (after a reboot, on a router).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BINARY, FIXTURE_FLAGS, killAll, memoryOf, requireBuilt, scrape, startExporter } from './harness.ts';

// 50 MiB was the target, met at 48.5-49.2 MiB until issue 14. Its 37 collectors (+136 KB of minified
// code, ~+0.9 MiB at start-up before any scrape) and the router fixture's NAS-like devices (3,447 lines
// per scrape instead of 2,049) put the executable at 50.3-50.6 MiB idle (four runs, this VM). The
// limit has 1.5 MiB of room over that; where the start-up +0.9 MiB goes is not yet known (left open).
const IDLE_LIMIT_MIB = 52;
const PEAK_LIMIT_MIB = 64;
const CONNECTIONS = 8;
const LOAD_MS = 8_000;
const MAX_REQUESTS = 5_000;
const IDLE_SETTLE_MS = 12_000;

let dir = '';
let exe = '';
beforeAll(() => {
  requireBuilt(BINARY.x64);
  dir = mkdtempSync(join(tmpdir(), 'lte-mem-'));
  exe = join(dir, 'linux-tiny-exporter');
  copyFileSync(BINARY.x64, exe);
  chmodSync(exe, 0o755);
  execFileSync('sync', [exe]);
  // posix_fadvise(DONTNEED) on the whole (now clean) file: it is read from disk when started.
  execFileSync('dd', [`if=${exe}`, 'iflag=nocache', 'count=0'], { stdio: 'ignore' });
});
afterEach(() => killAll());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** GET /metrics over one keep-alive connection of `agent`; resolves with the status code. */
function get(agent: Agent, address: string): Promise<number> {
  const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path: '/metrics', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('memory of the x86_64 executable', () => {
  it(`idles at <= ${IDLE_LIMIT_MIB} MiB and peaks at <= ${PEAK_LIMIT_MIB} MiB under ${CONNECTIONS} connections`, async () => {
    const t0 = performance.now();
    const bin = await startExporter(exe, [], FIXTURE_FLAGS.router);
    const pid = bin.child.pid!;
    await scrape(bin.address);
    const firstScrapeMs = performance.now() - t0;

    // Idle: what it settles at between scrapes. V8's memory reducer shrinks the heap some 6-8 s
    // after the last request; Prometheus scrapes every 15 s or more.
    await sleep(IDLE_SETTLE_MS);
    const idle = memoryOf(pid);

    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const statuses = new Map<number, number>();
    let sent = 0;
    const deadline = performance.now() + LOAD_MS;
    const worker = async () => {
      while (performance.now() < deadline && sent < MAX_REQUESTS) {
        sent++;
        const code = await get(agent, bin.address);
        statuses.set(code, (statuses.get(code) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    agent.destroy();
    const after = memoryOf(pid); // VmHWM: the peak RSS over the process's life

    // Still alive and serving after the load.
    expect(await scrape(bin.address)).toContain('node_load1 0.52');
    expect(await bin.stop()).toBe(0);

    const summary = {
      firstScrapeMs: Math.round(firstScrapeMs),
      idleRssMiB: +idle.rss.toFixed(1),
      idleAnonMiB: +idle.anon.toFixed(1),
      idleFileMiB: +idle.file.toFixed(1),
      peakRssMiB: +after.hwm.toFixed(1),
      requests: sent,
      statuses: Object.fromEntries(statuses),
    };
    console.log(`x64 executable memory: ${JSON.stringify(summary)}`);
    expect([...statuses.keys()]).toEqual([200]);
    expect(sent).toBeGreaterThan(CONNECTIONS * 5);
    expect(idle.rss).toBeLessThanOrEqual(IDLE_LIMIT_MIB);
    expect(after.hwm).toBeLessThanOrEqual(PEAK_LIMIT_MIB);
  }, 90_000);
});
