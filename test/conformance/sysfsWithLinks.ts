// The conformance sys/ tree with its links and empty directories restored (see linkedTree.ts), once per
// test file; and the same tree under the relative path node_exporter's e2e run gave it.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { CONFORMANCE } from '../helpers/scrape.ts';
import { copyWithLinks, E2E_SYSFS, restoreEmptyDirs } from './linkedTree.ts';

let cached: { base: string; sys: string } | undefined;
let relative: { cwd: string; sysfs: string } | undefined;

afterAll(() => {
  if (cached) rmSync(cached.base, { recursive: true, force: true });
  if (relative) rmSync(relative.cwd, { recursive: true, force: true });
  cached = undefined;
  relative = undefined;
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

/**
 * The same tree as node_exporter's e2e run named it: --path.sysfs=collector/fixtures/sys, relative to
 * its checkout (rapl's `path` label holds it). Scrape with process.cwd() set to `cwd` and `sysfs` as the
 * flag (a link to conformanceSysfsWithLinks()).
 */
export function conformanceSysfsAsInE2e(): { cwd: string; sysfs: string } {
  if (relative !== undefined) return relative;
  const cwd = mkdtempSync(join(tmpdir(), 'lte-conformance-cwd-'));
  mkdirSync(dirname(join(cwd, E2E_SYSFS)), { recursive: true });
  symlinkSync(conformanceSysfsWithLinks(), join(cwd, E2E_SYSFS));
  relative = { cwd, sysfs: E2E_SYSFS };
  return relative;
}
