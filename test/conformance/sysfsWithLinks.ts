// The conformance sys/ tree with its links restored (see linkedTree.ts), once per test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { CONFORMANCE } from '../helpers/scrape.ts';
import { copyWithLinks, restoreEmptyDirs } from './linkedTree.ts';

let cached: { base: string; sys: string } | undefined;

afterAll(() => {
  if (cached) rmSync(cached.base, { recursive: true, force: true });
  cached = undefined;
});

/** The conformance sys/ tree with its links and empty directories restored (a temporary copy, removed after the test file). */
export function conformanceSysfsWithLinks(): string {
  if (cached !== undefined) return cached.sys;
  const base = mkdtempSync(join(tmpdir(), 'lte-conformance-sys-'));
  const sys = join(base, 'sys');
  copyWithLinks(join(CONFORMANCE, 'sys'), sys);
  restoreEmptyDirs(sys);
  cached = { base, sys };
  return sys;
}
