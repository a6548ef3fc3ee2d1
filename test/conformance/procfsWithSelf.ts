// The conformance proc/ tree with proc/self a real link (see linkedTree.ts), once per test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { CONFORMANCE } from '../helpers/scrape.ts';
import { procWithSelf } from './linkedTree.ts';

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
  procWithSelf(join(CONFORMANCE, 'proc'), proc);
  cached = { base, proc };
  return proc;
}
