// The conformance sys/ tree with its links restored (see linkedTree.ts), once per test file, and with
// the empty directories of node_exporter's sys.ttar that the unpacked shared copy lost
// (class/watchdog/watchdog1: a watchdog without attributes, exported with empty info labels).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { CONFORMANCE } from '../helpers/scrape.ts';
import { copyWithLinks } from './linkedTree.ts';

/** Empty directories of node_exporter's sys.ttar, missing from the unpacked shared copy. */
const EMPTY_DIRECTORIES = ['class/watchdog/watchdog1'];

let cached: { base: string; sys: string } | undefined;
let relative: { cwd: string; sysfs: string } | undefined;

afterAll(() => {
  if (cached) rmSync(cached.base, { recursive: true, force: true });
  if (relative) rmSync(relative.cwd, { recursive: true, force: true });
  cached = undefined;
  relative = undefined;
});

/** The conformance sys/ tree with its links restored (a temporary copy, removed after the test file). */
export function conformanceSysfsWithLinks(): string {
  if (cached !== undefined) return cached.sys;
  const base = mkdtempSync(join(tmpdir(), 'lte-conformance-sys-'));
  const sys = join(base, 'sys');
  copyWithLinks(join(CONFORMANCE, 'sys'), sys);
  for (const d of EMPTY_DIRECTORIES) mkdirSync(join(sys, d), { recursive: true });
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
  mkdirSync(join(cwd, 'collector', 'fixtures'), { recursive: true });
  symlinkSync(conformanceSysfsWithLinks(), join(cwd, 'collector', 'fixtures', 'sys'));
  relative = { cwd, sysfs: 'collector/fixtures/sys' };
  return relative;
}
