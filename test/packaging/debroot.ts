// Minimal Debian roots for installing the .deb for real: build/make-test-roots.sh (run by `make deps`)
// makes them with `debootstrap --variant=minbase bookworm` and keeps them as tars in $LTE_ROOTFS_CACHE
// (default /var/cache/linux-tiny-exporter-test); each test unpacks one afresh. arm64 runs through
// qemu-user binfmt. Commands run inside with chroot, in a private mount namespace (unshare) where /proc,
// /sys and /dev are mounted, so nothing is left mounted when the command ends.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** Why roots cannot be made here (a message naming what is missing), or undefined when they can. */
export function rootsUnavailable(arch: DebArch): string | undefined {
  if (process.getuid?.() !== 0) return 'not root: debootstrap and chroot need root';
  for (const [cmd, pkg] of [['unshare', 'util-linux'], ['chroot', 'coreutils']] as const) {
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

/**
 * A fresh minimal bookworm root for `arch` (with `include` packages added), unpacked into a new
 * temporary directory from the tar build/make-test-roots.sh made (`make deps` runs it: debootstrap needs
 * the Debian archive, and tests make no network traffic but to loopback). Undefined when there is none.
 */
export async function freshRoot(arch: DebArch, include: readonly string[] = []): Promise<string | undefined> {
  const key = `bookworm-${arch}-minbase${include.length ? `-${[...include].sort().join('+')}` : ''}`;
  const cached = join(CACHE, `${key}.tar`);
  if (!existsSync(cached)) return undefined;
  const root = mkdtempSync(join(tmpdir(), `lte-${arch}-root-`));
  await runOk('tar', ['-xpf', cached, '-C', root, '--numeric-owner']);
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
