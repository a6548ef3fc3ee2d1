// What parts of the suite need from outside the repository, and how to get each: Debian packages, the
// Debian test roots, root itself, and ../shared (node_exporter's fixtures). Tests skip on what is missing;
// test/setup/requirements.ts names each missing one, with the command that installs it, when the suite
// starts. `make test` installs them all where it can (root or sudo: build/install-test-deps.sh).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONFORMANCE } from './paths.ts';
import { hasCommand } from './tools.ts';

export interface Requirement {
  /** What is needed, as a reader would look for it. */
  readonly what: string;
  /** Which tests need it. */
  readonly for: string;
  /** How to get it. */
  readonly install: string;
  readonly present: () => boolean;
}

const apt = (pkgs: string): string => `apt-get install ${pkgs} (or: sudo make deps)`;
const command = (cmd: string, pkgs: string, forWhat: string): Requirement => ({ what: cmd, for: forWhat, install: apt(pkgs), present: () => hasCommand(cmd) });

export const SHARED_FIXTURES: Requirement = {
  what: `${join('..', 'shared', 'conformance', 'node_exporter')} beside the checkout`,
  for: "conformance and parser tests on node_exporter's own fixtures, the dashboard test",
  install: "put the project's shared/ folder beside the checkout (CI has it there)",
  present: () => existsSync(join(CONFORMANCE, 'e2e-output.txt')),
};

export const DEBIAN_ROOTS: Requirement = {
  what: 'the Debian 12 test roots (/var/cache/linux-tiny-exporter-test)',
  for: 'installing the .deb into a minimal Debian',
  install: 'sudo make deps (debootstrap, from the mirror apt is configured with)',
  present: () => existsSync(process.env.LTE_ROOTFS_CACHE ?? '/var/cache/linux-tiny-exporter-test'),
};

export const ROOT_USER: Requirement = {
  what: 'root',
  for: 'package installs into chroots, container images, unprivileged-run tests',
  install: 'run the suite as root (sudo make test)',
  present: () => process.getuid?.() === 0,
};

export const REQUIREMENTS: readonly Requirement[] = [
  SHARED_FIXTURES,
  ROOT_USER,
  DEBIAN_ROOTS,
  command('promtool', 'prometheus', 'promtool check metrics'),
  command('prometheus', 'prometheus', 'scrapes and remote write into a real Prometheus'),
  command('victoria-metrics', 'victoria-metrics', 'remote write into VictoriaMetrics'),
  command('prometheus-node-exporter', 'prometheus-node-exporter', 'side-by-side comparison, dashboard coverage, make bench'),
  command('qemu-aarch64-static', 'qemu-user-static', 'the arm64 executable, image and .deb'),
  { what: 'the arm64 cross libraries', for: 'the arm64 image', install: apt('libc6-arm64-cross libstdc++6-arm64-cross'), present: () => existsSync('/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1') },
  command('x86_64-linux-gnu-strip', 'binutils-x86-64-linux-gnu', 'stripped executables (lintian)'),
  command('aarch64-linux-gnu-strip', 'binutils-aarch64-linux-gnu', 'stripped executables (lintian)'),
  command('update-binfmts', 'binfmt-support', 'arm64 Debian roots'),
  command('lintian', 'lintian', 'the .deb checks'),
  command('podman', 'podman runc', 'container images'),
  command('runc', 'runc', 'container images'),
  command('openssl', 'openssl', 'TLS and basic auth'),
  command('shellcheck', 'shellcheck', 'the packages\' shell scripts'),
  command('iw', 'iw', 'the wifi collector with the real iw'),
  command('tc', 'iproute2', 'the qdisc collector with the real tc'),
  command('busybox', 'busybox-static', 'the self-contained executables in a root with no libc'),
  command('wrk', 'wrk', 'make bench'),
  command('perl', 'perl-base', 'timex on this machine'),
];

/** One line per missing requirement: what, what for, and how to get it. */
export function missingRequirements(): string[] {
  return REQUIREMENTS.filter((r) => !r.present()).map((r) => `skipped: ${r.for} — ${r.what} is missing; ${r.install}`);
}
