// Minimal Debian roots for installing the .deb for real: `debootstrap --variant=minbase bookworm` from
// the Debian mirror this machine's apt is configured with, arm64 through qemu-user binfmt; commands run
// inside with chroot, in a private mount namespace (unshare) where /proc, /sys and /dev are mounted, so
// nothing is left mounted when the command ends.
//
// A made root is kept as a tar in $LTE_ROOTFS_CACHE (default /var/cache/linux-tiny-exporter-test;
// "off" to always debootstrap) and unpacked afresh for each test run: debootstrap takes minutes, the
// unpacking seconds. A cached root older than 30 days is made again.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasCommand } from '../helpers/tools.ts';

export type DebArch = 'amd64' | 'arm64';

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (never throws on a non-zero exit; see `code`). */
export function run(cmd: string, args: readonly string[], opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: opts.timeoutMs ?? 600_000, maxBuffer: 64 * 1024 * 1024, env: opts.env ?? process.env }, (err, stdout, stderr) => {
      // A string code is a failure to start (ENOENT, ...); a process killed by a signal has code -1.
      if (err && typeof err.code === 'string') return reject(new Error(`${cmd} ${args.join(' ')}: ${err.message}\n${stderr}`));
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

export async function runOk(cmd: string, args: readonly string[], opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Result> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The first deb822 or one-line source of this machine's apt that serves bookworm (not -security). */
export function debianMirror(): string {
  const files: string[] = [];
  if (existsSync('/etc/apt/sources.list')) files.push('/etc/apt/sources.list');
  if (existsSync('/etc/apt/sources.list.d')) for (const f of readdirSync('/etc/apt/sources.list.d').sort()) files.push(join('/etc/apt/sources.list.d', f));
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    if (f.endsWith('.sources')) {
      for (const para of text.split(/\n\s*\n/)) {
        const uri = /^URIs:\s*(\S+)/m.exec(para)?.[1];
        const suites = /^Suites:\s*(.+)$/m.exec(para)?.[1]?.split(/\s+/) ?? [];
        if (uri && suites.includes('bookworm') && /^Types:.*\bdeb\b/m.test(para)) return uri;
      }
    } else {
      const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s/m.exec(text);
      if (m) return m[1]!;
    }
  }
  return 'http://deb.debian.org/debian';
}

/** Why roots cannot be made here (a message naming what is missing), or undefined when they can. */
export function rootsUnavailable(arch: DebArch): string | undefined {
  if (process.getuid?.() !== 0) return 'not root: debootstrap and chroot need root';
  for (const [cmd, pkg] of [['debootstrap', 'debootstrap'], ['unshare', 'util-linux'], ['chroot', 'coreutils']] as const) {
    if (!hasCommand(cmd)) return `${cmd} not found (apt-get install ${pkg})`;
  }
  if (arch === 'arm64' && process.arch !== 'arm64') {
    if (!existsSync('/usr/bin/qemu-aarch64-static')) return 'qemu-aarch64-static not found (apt-get install qemu-user-static)';
    if (!hasCommand('update-binfmts')) return 'update-binfmts not found (apt-get install binfmt-support)';
  }
  return undefined;
}

/** Registers qemu-aarch64 with binfmt_misc (mounting it first if needed), so arm64 programs run. */
export async function enableArm64Binfmt(): Promise<void> {
  if (!existsSync('/proc/sys/fs/binfmt_misc/status')) await runOk('mount', ['-t', 'binfmt_misc', 'binfmt_misc', '/proc/sys/fs/binfmt_misc']);
  const entry = '/proc/sys/fs/binfmt_misc/qemu-aarch64';
  if (!existsSync(entry) || !readFileSync(entry, 'utf8').startsWith('enabled')) await runOk('update-binfmts', ['--enable', 'qemu-aarch64']);
  const text = readFileSync(entry, 'utf8');
  // F (fix binary): the kernel opens qemu now, so it need not exist inside the chroot.
  if (!/^enabled$/m.test(text) || !/^flags: .*F/m.test(text)) throw new Error(`binfmt qemu-aarch64 not usable: ${text}`);
}

const CACHE = process.env.LTE_ROOTFS_CACHE ?? '/var/cache/linux-tiny-exporter-test';
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/**
 * A fresh minimal bookworm root for `arch` (with `include` packages added), in a new temporary
 * directory: unpacked from the cache, or made with debootstrap (and then cached).
 */
export async function freshRoot(arch: DebArch, include: readonly string[] = []): Promise<string> {
  const key = `bookworm-${arch}-minbase${include.length ? `-${[...include].sort().join('+')}` : ''}`;
  const root = mkdtempSync(join(tmpdir(), `lte-${arch}-root-`));
  const cached = join(CACHE, `${key}.tar`);
  if (CACHE !== 'off' && existsSync(cached) && Date.now() - statSync(cached).mtimeMs < MAX_AGE_MS) {
    await runOk('tar', ['-xpf', cached, '-C', root, '--numeric-owner']);
    return root;
  }
  const t0 = Date.now();
  const args = ['--variant=minbase', `--arch=${arch}`, ...(include.length ? [`--include=${include.join(',')}`] : []), 'bookworm', root, debianMirror()];
  const r = await run('debootstrap', args, { timeoutMs: 1_200_000 });
  if (r.code !== 0) {
    const log = existsSync(join(root, 'debootstrap', 'debootstrap.log')) ? readFileSync(join(root, 'debootstrap', 'debootstrap.log'), 'utf8').slice(-3000) : '';
    throw new Error(`debootstrap ${args.join(' ')} exited ${r.code}\n${r.stderr.slice(-3000)}\n${log}`);
  }
  console.info(`debootstrap ${key}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (CACHE !== 'off') {
    mkdirSync(CACHE, { recursive: true });
    await runOk('tar', ['-cpf', `${cached}.tmp`, '-C', root, '--numeric-owner', '.']);
    renameSync(`${cached}.tmp`, cached);
  }
  return root;
}

export function removeRoot(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

/**
 * The argv that runs `cmd` inside `root`: a private mount namespace with /proc, /sys and /dev mounted
 * in the root, then chroot. The process keeps its pid through the execs (SIGTERM reaches `cmd`).
 */
export function inRootArgv(root: string, cmd: readonly string[]): [string, string[]] {
  const script = 'set -e; R=$1; shift; mount -t proc proc "$R/proc"; mount --rbind /sys "$R/sys"; mount --rbind /dev "$R/dev"; exec chroot "$R" "$@"';
  return ['unshare', ['--mount', '--propagation', 'private', '--', 'sh', '-c', script, 'sh', root, ...cmd]];
}

export function inRoot(root: string, cmd: readonly string[], timeoutMs = 600_000): Promise<Result> {
  const [c, a] = inRootArgv(root, cmd);
  return run(c, a, { timeoutMs, env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', DEBIAN_FRONTEND: 'noninteractive', LANG: 'C.UTF-8' } });
}

/**
 * Every path in the root but /proc, /sys, /dev, the runtime directories /run and /tmp (tmpfs on a
 * running system; systemd-analyze leaves a file in /run) and the package managers' own state, caches
 * and logs.
 */
export async function listRoot(root: string): Promise<Set<string>> {
  const skip = ['proc', 'sys', 'dev', 'run', 'tmp', 'var/lib/dpkg', 'var/lib/apt', 'var/cache', 'var/log'];
  const args = [root, ...skip.flatMap((p) => ['-path', join(root, p), '-prune', '-o']), '-print'];
  const r = await runOk('find', args);
  return new Set(r.stdout.split('\n').filter((l) => l !== '').map((l) => l.slice(root.length) || '/'));
}

export function writeInRoot(root: string, path: string, data: Buffer | string): void {
  writeFileSync(join(root, path), data);
}
