// node_exporter's conformance proc/ tree stores its one symlink, proc/self (-> "10", the pid whose
// mountstats and mountinfo node_exporter read in its e2e test), as a small file holding the target.
// This builds, once per test process, a stand-in proc/ in a temporary directory: a link to each entry of
// the shared tree, and self as the real link. The shared fixtures are only read, never changed or copied.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { CONFORMANCE } from '../helpers/scrape.ts';

let cached: { base: string; proc: string } | undefined;

afterAll(() => {
  if (cached) rmSync(cached.base, { recursive: true, force: true });
  cached = undefined;
});

/** The conformance proc/ tree with proc/self a real link (a temporary tree, removed after the test file). */
export function conformanceProcfsWithSelf(): string {
  if (cached !== undefined) return cached.proc;
  const base = mkdtempSync(join(tmpdir(), 'lte-conformance-proc-'));
  const proc = join(base, 'proc');
  mkdirSync(proc);
  const shared = join(CONFORMANCE, 'proc');
  for (const name of readdirSync(shared)) {
    if (name === 'self') symlinkSync(readFileSync(join(shared, name), 'utf8').trim(), join(proc, name));
    else symlinkSync(join(shared, name), join(proc, name));
  }
  cached = { base, proc };
  return proc;
}
