// The exporter as an unprivileged user on this machine's real /proc and /sys: every default collector
// that works as root works as nobody too, except the few documented in SECURITY.md, which report
// success 0 without failing the scrape. Run as root, the test starts the bundle twice (as root and as
// uid/gid 65534) and compares; run as another user, it checks that user's scrape alone.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/scrape.ts';
import { killAll, startExporter } from '../helpers/processes.ts';

/**
 * Collectors that may need more than an ordinary user has; each reports success 0 (never a failed
 * scrape) when it cannot read its files. Kept in step with SECURITY.md.
 *  - conntrack: /proc/sys/net/netfilter and /proc/net/stat/nf_conntrack may be readable only by root
 *    in some network namespaces and on hardened kernels.
 *  - hwmon: a few drivers create 0400/0200 attributes (e.g. some PMBus and NVMe sensors).
 *  - filesystem: statfs of a mount point below a directory nobody cannot enter (e.g. under /root).
 *  - timex: on a kernel with restricted adjtimex in a container it can fail for non-root.
 */
const MAY_NEED_ROOT = new Set(['conntrack', 'hwmon', 'filesystem', 'timex']);

const isRoot = process.getuid?.() === 0;
let bundle = '';
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'lte-unpriv-'));
  bundle = join(dir, 'linux-tiny-exporter.cjs');
  execFileSync(process.execPath, [join(ROOT, 'build', 'bundle.mjs'), bundle], { cwd: ROOT });
  chmodSync(dir, 0o755);
  chmodSync(bundle, 0o644);
});
afterAll(killAll);

/** Starts the bundle (as uid/gid when given), scrapes once, stops it; returns success per collector and the id it ran as. */
async function scrapeAs(uid?: number): Promise<{ success: Map<string, number>; text: string; ranAs: string }> {
  const { child, address } = await startExporter(process.execPath, [bundle], ['--log.level=debug'], { cwd: '/', ...(uid !== undefined ? { uid, gid: uid } : {}) });
  const res = await fetch(`http://${address}/metrics`);
  expect(res.status).toBe(200);
  const text = await res.text();
  const ranAs = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? '?';
  child.kill('SIGTERM');
  const success = new Map<string, number>();
  for (const m of text.matchAll(/^node_scrape_collector_success\{collector="([^"]+)"\} (\d)$/gm)) success.set(m[1]!, Number(m[2]));
  return { success, text, ranAs };
}

describe('unprivileged operation', () => {
  it('every default collector works without root, except the documented few', async () => {
    const user = await scrapeAs(isRoot ? 65534 : undefined);
    expect(user.success.size).toBeGreaterThan(20);
    if (isRoot) expect(user.ranAs).toBe('65534');
    const failedAsUser = [...user.success].filter(([, v]) => v === 0).map(([k]) => k);
    if (isRoot) {
      const root = await scrapeAs();
      const failedAsRoot = [...root.success].filter(([, v]) => v === 0).map(([k]) => k);
      const onlyRootCan = failedAsUser.filter((c) => root.success.get(c) === 1);
      console.log(`unprivileged: failed as root: [${failedAsRoot.join(', ')}]; failed only as nobody: [${onlyRootCan.join(', ')}]`);
      expect(onlyRootCan.filter((c) => !MAY_NEED_ROOT.has(c))).toEqual([]);
      expect([...user.success.keys()]).toEqual([...root.success.keys()]);
    } else {
      console.log(`unprivileged (uid ${process.getuid?.()}): collectors with success 0: [${failedAsUser.join(', ')}]`);
      // Without a root run to compare with, the core collectors (always present on Linux) must work.
      for (const c of ['cpu', 'meminfo', 'loadavg', 'netdev', 'stat', 'vmstat', 'uname', 'filefd']) expect(user.success.get(c), c).toBe(1);
    }
  }, 60_000);
});
