// node_exporter's conformance sys/ tree was unpacked from its sys.ttar with every symlink stored as a
// small file holding the link target ("../../devices/platform/coretemp.0/hwmon/hwmon0"). Collectors that
// follow links (hwmon: class/hwmon/hwmonN, hwmonN/device; thermal: class/thermal/thermal_zoneN) need
// them as real links, as node_exporter had them when its e2e test ran. This builds, once per test
// process, a copy of that tree in a temporary directory with the links restored. The shared fixtures
// are only read, never changed or copied into the project.
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { CONFORMANCE } from '../helpers/scrape.ts';

/** A file stands for a symlink when all it holds is a relative path going up ("../..", no newline). */
function linkTarget(path: string, size: number): string | undefined {
  if (size === 0 || size > 1024) return undefined;
  const text = readFileSync(path, 'latin1');
  return /^\.\.(\/[^\n\0]*)?$/.test(text) ? text : undefined;
}

function copyTree(src: string, dst: string): void {
  mkdirSync(dst, { recursive: true });
  for (const name of readdirSync(src)) {
    const from = join(src, name);
    const to = join(dst, name);
    const st = lstatSync(from);
    if (st.isDirectory()) copyTree(from, to);
    else if (st.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (st.isFile()) {
      const target = linkTarget(from, st.size);
      if (target !== undefined) symlinkSync(target, to);
      else copyFileSync(from, to);
    }
  }
}

let cached: { base: string; sys: string } | undefined;

afterAll(() => {
  if (cached) rmSync(cached.base, { recursive: true, force: true });
  cached = undefined;
});

/** The conformance sys/ tree with its links restored (a temporary copy, removed after the test file). */
export function conformanceSysfsWithLinks(): string {
  if (cached !== undefined) return cached.sys;
  const base = mkdtempSync(join(tmpdir(), 'lte-conformance-sys-'));
  const sys = join(base, 'sys');
  copyTree(join(CONFORMANCE, 'sys'), sys);
  cached = { base, sys };
  return sys;
}
