// node_exporter's conformance sys/ tree was unpacked from its sys.ttar with every symlink stored as a
// small file holding the link target ("../../devices/platform/coretemp.0/hwmon/hwmon0"). Collectors that
// follow links (hwmon: class/hwmon/hwmonN, hwmonN/device; thermal: class/thermal/thermal_zoneN) need
// them as real links, as node_exporter had them when its e2e test ran. copyWithLinks() makes such a
// copy; the shared fixtures are only read, never changed or copied into the project.
import { copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/** A file stands for a symlink when all it holds is a relative path going up ("../..", no newline). */
function linkTarget(path: string, size: number): string | undefined {
  if (size === 0 || size > 1024) return undefined;
  const text = readFileSync(path, 'latin1');
  return /^\.\.(\/[^\n\0]*)?$/.test(text) ? text : undefined;
}

/** Copies the tree src to dst, making a link of each file that stands for one. */
export function copyWithLinks(src: string, dst: string): void {
  mkdirSync(dst, { recursive: true });
  for (const name of readdirSync(src)) {
    const from = join(src, name);
    const to = join(dst, name);
    const st = lstatSync(from);
    if (st.isDirectory()) copyWithLinks(from, to);
    else if (st.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (st.isFile()) {
      const target = linkTarget(from, st.size);
      if (target !== undefined) symlinkSync(target, to);
      else copyFileSync(from, to);
    }
  }
}
