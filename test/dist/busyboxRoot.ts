// A root directory with no C library at all: Debian's busybox-static (its applets linked as on
// OpenWrt) plus fresh mounts of /proc and /sys and a bind mount of /dev, for chroot(2). What a test
// unpacks into it must bring everything it needs to run. Needs root (chroot, mount).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readElf } from './harness.ts';

/** Debian's busybox-static installs its static busybox here (replacing the dynamic one). */
export const BUSYBOX = '/bin/busybox';

/** Why a busybox root cannot be made on this machine, or undefined when it can. */
export function busyboxRootUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root: chroot(2) and mount(2) need root';
  if (!existsSync(BUSYBOX)) return `${BUSYBOX} not found (apt-get install busybox-static)`;
  if (readElf(BUSYBOX).interpreter !== undefined) return `${BUSYBOX} is dynamically linked: the static one is wanted (apt-get install busybox-static)`;
  return undefined;
}

export interface BusyboxRoot {
  readonly dir: string;
  /** Unmounts /proc, /sys and /dev and removes the directory (call from afterAll). */
  remove(): void;
}

const MOUNTS = ['dev', 'sys', 'proc'] as const;

export function makeBusyboxRoot(prefix: string): BusyboxRoot {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const d of ['bin', 'sbin', 'usr/bin', 'usr/sbin', 'tmp', 'etc', ...MOUNTS]) mkdirSync(join(dir, d), { recursive: true });
  copyFileSync(BUSYBOX, join(dir, 'bin', 'busybox'));
  execFileSync('chmod', ['0755', join(dir, 'bin', 'busybox')]);
  execFileSync('chroot', [dir, '/bin/busybox', '--install', '-s']);
  const mounted: string[] = [];
  const remove = (): void => {
    for (const m of mounted.reverse()) {
      try {
        execFileSync('umount', [m], { stdio: 'pipe' });
      } catch {
        execFileSync('umount', ['-l', m], { stdio: 'pipe' });
      }
    }
    mounted.length = 0;
    // Only once nothing is mounted below it: rm must never walk into the host's /sys or /dev.
    const still = execFileSync('cat', ['/proc/self/mounts'], { encoding: 'utf8' }).split('\n').filter((l) => l.split(' ')[1]?.startsWith(`${dir}/`));
    if (still.length > 0) throw new Error(`still mounted under ${dir}: ${still.join('; ')}`);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    execFileSync('mount', ['-t', 'proc', 'proc', join(dir, 'proc')]);
    mounted.push(join(dir, 'proc'));
    execFileSync('mount', ['-t', 'sysfs', 'sysfs', join(dir, 'sys')]);
    mounted.push(join(dir, 'sys'));
    execFileSync('mount', ['--bind', '/dev', join(dir, 'dev')]);
    mounted.push(join(dir, 'dev'));
  } catch (err) {
    remove();
    throw err;
  }
  return { dir, remove };
}

/** Every regular file and symbolic link under `dir` (relative paths), not descending into the mounted /proc, /sys and /dev. */
export function filesUnder(dir: string, skip: readonly string[] = MOUNTS): { files: string[]; links: Map<string, string> } {
  const files: string[] = [];
  const links = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      if (rel === '' && skip.includes(e.name)) continue;
      if (e.isDirectory()) walk(path);
      else if (e.isSymbolicLink()) links.set(path, readlinkSync(join(dir, path)));
      else files.push(path);
    }
  };
  walk('');
  return { files, links };
}
