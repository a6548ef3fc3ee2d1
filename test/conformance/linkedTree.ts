// node_exporter's conformance sys/ tree was unpacked from its sys.ttar with every symlink stored as a
// small file holding the link target ("../../devices/platform/coretemp.0/hwmon/hwmon0"). Collectors that
// follow links (hwmon: class/hwmon/hwmonN, hwmonN/device; thermal: class/thermal/thermal_zoneN) need
// them as real links, as node_exporter had them when its e2e test ran. copyWithLinks() makes such a
// copy; the shared fixtures are only read, never changed or copied into the project.
import { copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * --path.sysfs as node_exporter's e2e run gave it, relative to its checkout: rapl's `path` label holds
 * it, so a run that is to match scrapes from a directory where this names the sys/ tree.
 */
export const E2E_SYSFS = 'collector/fixtures/sys';

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

/**
 * The proc/ tree stores its one link, proc/self (-> "10", the pid whose mountstats and mountinfo
 * node_exporter read), as a small file holding the target, which copyWithLinks would not take for a
 * link. This makes dst a stand-in proc/: a link to each entry of src, and self a real link.
 */
export function procWithSelf(src: string, dst: string): void {
  mkdirSync(dst, { recursive: true });
  for (const name of readdirSync(src)) {
    const from = join(src, name);
    if (name === 'self' && lstatSync(from).isFile()) symlinkSync(readFileSync(from, 'latin1').trim(), join(dst, name));
    else symlinkSync(from, join(dst, name));
  }
}

/**
 * Directories of node_exporter's sys.ttar that are empty, and that the unpacked shared tree lost (a
 * tree of files keeps no empty directory): multipath devices' slaves, an NVMe subsystem's namespace,
 * a second watchdog, PCI link/ directories, NVMe holders and mq CPUs. Paths under sys/, leaves only.
 */
export const TTAR_EMPTY_DIRS: readonly string[] = [
  'block/dm-5/slaves/sdi',
  'block/dm-5/slaves/sdj',
  'block/dm-5/slaves/sdk',
  'block/dm-5/slaves/sdl',
  'block/dm-6/slaves/sdm',
  'block/dm-6/slaves/sdn',
  'class/nvme-subsystem/nvme-subsys0/nvme0n1',
  'class/watchdog/watchdog1',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/link',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/holders',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/0/cpu0',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/0/cpu1',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/1/cpu2',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/1/cpu3',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/2/cpu4',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/2/cpu5',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/3/cpu6',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/3/cpu7',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/4/cpu8',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/4/cpu9',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/5/cpu10',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/5/cpu11',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/6/cpu12',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/6/cpu13',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/7/cpu14',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/mq/7/cpu15',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/nvme0n1p1/holders',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/nvme0n1p2/holders',
  'devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/nvme0n1/slaves',
  'devices/pci0000:00/0000:00:02.1/link',
  'devices/pci0000:40/0000:40:01.3/0000:45:00.0/link',
];

/** Puts TTAR_EMPTY_DIRS back into a copy of the sys/ tree. */
export function restoreEmptyDirs(sys: string): void {
  for (const d of TTAR_EMPTY_DIRS) mkdirSync(join(sys, d), { recursive: true });
}
