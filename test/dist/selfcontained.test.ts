// The self-contained archives of `make dist` (packaging/selfcontained/build.sh): each unpacked into a
// root that holds nothing but Debian's busybox-static (no C library at all) and /proc, /sys, /dev;
// the launcher, run by busybox sh under chroot, must behave as the plain executable does on this
// machine: --version, a bad flag, the fixtures' exposition, and the live collectors. aarch64 runs
// through qemu-user (binfmt_misc).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enableArm64Binfmt } from '../packaging/debroot.ts';
import { hasCommand } from '../helpers/tools.ts';
import { FIXTURES, ROOT } from '../helpers/scrape.ts';
import { BINARY, QEMU, expositionDiff, killAll, parseExposition, projectVersion, readElf, scrape, startExporter } from './harness.ts';
import { busyboxRootUnavailable, filesUnder, makeBusyboxRoot } from './busyboxRoot.ts';
import type { BusyboxRoot } from './busyboxRoot.ts';

const NAME = 'linux-tiny-exporter';
const DIST = join(ROOT, 'dist');
const HOST_MACHINE = process.arch === 'arm64' ? 'aarch64' : 'x86_64';

interface Arch {
  readonly machine: 'x86_64' | 'aarch64';
  readonly loader: string;
  /** How the plain executable of `make dist` runs on this machine. */
  readonly plain: readonly string[];
}
const ARCHS: readonly Arch[] = [
  { machine: 'x86_64', loader: 'ld-linux-x86-64.so.2', plain: [BINARY.x64] },
  { machine: 'aarch64', loader: 'ld-linux-aarch64.so.1', plain: process.arch === 'arm64' ? [BINARY.arm64] : [...QEMU, BINARY.arm64] },
];

const top = (machine: string): string => `${NAME}-${projectVersion()}-linux-${machine}`;
const archive = (machine: string): string => join(DIST, `${top(machine)}.tar.gz`);

function unavailable(arch: Arch): string | undefined {
  const root = busyboxRootUnavailable();
  if (root) return root;
  if (!existsSync(archive(arch.machine))) {
    if (arch.machine === 'x86_64') throw new Error(`${archive(arch.machine)} is missing: run make dist (make test does)`);
    return `${archive(arch.machine)} not built: make dist needs qemu-aarch64-static and /usr/aarch64-linux-gnu (apt-get install qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross; make deps)`;
  }
  if (arch.machine !== HOST_MACHINE && !hasCommand(QEMU[0])) return 'qemu-aarch64-static not found (apt-get install qemu-user-static)';
  return undefined;
}

afterEach(() => killAll());

// The fixtures (and the fake perl of the timex collector, a busybox sh script) are copied into the
// root, under the same relative layout, so that both runs read the same files.
const FIXTURE_DIRS = ['router', 'adjtimex'] as const;
function fixtureFlags(base: string): string[] {
  const router = join(base, 'router');
  return [`--path.procfs=${join(router, 'proc')}`, `--path.sysfs=${join(router, 'sys')}`, `--path.rootfs=${router}`, `--collector.timex.perl=${join(base, 'adjtimex', 'fake-perl')}`];
}

function collectorSuccess(exposition: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [series, value] of parseExposition(exposition).samples) {
    const m = /^node_scrape_collector_success\{collector="([^"]+)"\}$/.exec(series);
    if (m) out.set(m[1]!, value);
  }
  return out;
}

for (const arch of ARCHS) {
  const reason = unavailable(arch);
  if (reason) console.warn(`SKIPPING the self-contained ${arch.machine} archive tests: ${reason}`);

  describe.skipIf(reason !== undefined)(`the self-contained ${arch.machine} archive in a busybox-only root`, () => {
    let root: BusyboxRoot | undefined;
    const launcher = `/opt/${top(arch.machine)}/${NAME}`;
    const inRoot = (): string[] => ['chroot', root!.dir, '/bin/sh', launcher];

    beforeAll(async () => {
      if (arch.machine === 'aarch64' && process.arch !== 'arm64') await enableArm64Binfmt();
      root = makeBusyboxRoot(`lte-bb-${arch.machine}-`);
      mkdirSync(join(root.dir, 'opt'));
      execFileSync('tar', ['-xzf', archive(arch.machine), '-C', join(root.dir, 'opt')]);
      mkdirSync(join(root.dir, 'fixtures'));
      // cp -a: the sysfs fixtures are trees of relative symbolic links, kept as they are.
      for (const d of FIXTURE_DIRS) execFileSync('cp', ['-a', join(FIXTURES, d), join(root.dir, 'fixtures', d)]);
    }, 120_000);
    afterAll(() => root?.remove());

    it('the root has no C library but the archive\'s own, and busybox is static', () => {
      const { files, links } = filesUnder(root!.dir);
      const libc = files.filter((f) => /^(libc\.so|libc\.musl|ld-linux|ld-musl|libstdc\+\+\.so)/.test(f.slice(f.lastIndexOf('/') + 1)));
      expect(libc.sort()).toEqual([`opt/${top(arch.machine)}/lib/libc.so.6`, `opt/${top(arch.machine)}/lib/libstdc++.so.6`]);
      // The loader, under the exporter's name: glibc's (its ELF has no interpreter, and names itself).
      const loader = join(root!.dir, 'opt', top(arch.machine), 'lib', NAME);
      expect(readElf(loader).interpreter).toBeUndefined();
      expect(readFileSync(loader).includes(Buffer.from(`\0${arch.loader}\0`))).toBe(true);
      expect(readElf(join(root!.dir, 'bin', 'busybox')).interpreter).toBeUndefined();
      const outside = (f: string) => !f.startsWith('opt/') && !f.startsWith('fixtures/');
      expect(files.filter(outside)).toEqual(['bin/busybox']);
      // busybox --install -s: every applet a link to /bin/busybox, as on OpenWrt.
      const applets = [...links].filter(([f]) => outside(f));
      expect(applets.length).toBeGreaterThan(100);
      for (const [f, target] of applets) expect([f, target]).toEqual([f, '/bin/busybox']);
    });

    it('--version: the same line as the plain executable', () => {
      const plain = execFileSync(arch.plain[0]!, [...arch.plain.slice(1), '--version'], { encoding: 'utf8', timeout: 60_000 });
      const [cmd, ...args] = inRoot();
      const self = execFileSync(cmd!, [...args, '--version'], { encoding: 'utf8', timeout: 60_000 });
      expect(self).toBe(plain);
      expect(self).toContain(`linux/${arch.machine === 'x86_64' ? 'x64' : 'arm64'}`);
    }, 120_000);

    it('a bad flag: exit 2 and the same message as the plain executable, nothing listening', () => {
      const plain = spawnSync(arch.plain[0]!, [...arch.plain.slice(1), '--no-such-flag'], { encoding: 'utf8', timeout: 60_000 });
      const [cmd, ...args] = inRoot();
      const self = spawnSync(cmd!, [...args, '--no-such-flag'], { encoding: 'utf8', timeout: 60_000 });
      expect(plain.status).toBe(2);
      expect([self.status, self.stderr]).toEqual([2, plain.stderr]);
    }, 120_000);

    it('serves exactly what the plain executable serves on the router fixtures', async () => {
      const [cmd, ...args] = inRoot();
      const plain = await startExporter(arch.plain[0]!, arch.plain.slice(1), fixtureFlags(FIXTURES), { timeoutMs: 90_000 });
      const self = await startExporter(cmd!, args, fixtureFlags('/fixtures'), { timeoutMs: 90_000 });
      // rapl's path label holds --path.sysfs as given (node_exporter's too): the fixture root is named.
      const named = (text: string, at: string): string => text.replaceAll(`path="${at}/`, 'path="<fixtures>/');
      const a1 = named(await scrape(plain.address), FIXTURES);
      const b = named(await scrape(self.address), '/fixtures');
      const a2 = named(await scrape(plain.address), FIXTURES);
      expect(expositionDiff(a1, b, a2)).toEqual([]);
      expect(b).toContain('path="<fixtures>/router/sys/class/powercap/intel-rapl:0"');
      expect(b).toContain('node_load1 0.52');
      expect(b).toMatch(/^node_timex_offset_seconds /m);
      // The process is named as the exporter (the loader's file name): what ps, top and pidof see.
      const pid = self.child.pid!;
      expect(readFileSync(`/proc/${pid}/comm`, 'utf8')).toBe(`${NAME.slice(0, 15)}\n`);
      const pidof = execFileSync('chroot', [root!.dir, '/bin/pidof', NAME], { encoding: 'utf8' }).trim().split(' ');
      expect(pidof).toContain(String(pid));
      expect(await self.stop()).toBe(0);
      expect(await plain.stop()).toBe(0);
    }, 180_000);

    it('serves every default collector that has data on this machine', async () => {
      const [cmd, ...args] = inRoot();
      const plain = await startExporter(arch.plain[0]!, arch.plain.slice(1), [], { timeoutMs: 90_000 });
      const self = await startExporter(cmd!, args, [], { timeoutMs: 90_000 });
      const a = collectorSuccess(await scrape(plain.address));
      const bText = await scrape(self.address);
      const b = collectorSuccess(bText);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      // Two collectors read the root file system rather than /proc and /sys, and this root has only
      // busybox: os (/etc/os-release, /usr/lib/os-release) and timex (/usr/bin/perl, which makes the
      // adjtimex(2) call). Both fail here for that reason alone, and say so; every other one answers
      // as the plain executable does on the host.
      const ROOTFS_ONLY = ['os', 'timex'];
      for (const [collector, ok] of a) {
        if (ROOTFS_ONLY.includes(collector)) expect([collector, b.get(collector)]).toEqual([collector, '0']);
        else expect([collector, b.get(collector)]).toEqual([collector, ok]);
      }
      expect([...b.values()].filter((v) => v === '1').length).toBeGreaterThan(15);
      // Live figures, read through the chroot's own /proc and /sys.
      expect(bText).toMatch(/^node_memory_MemTotal_bytes \d/m);
      expect(bText).toMatch(/^node_boot_time_seconds \d/m);
      expect(await self.stop()).toBe(0);
      expect(await plain.stop()).toBe(0);
    }, 180_000);
  });
}

const refuseReason = busyboxRootUnavailable() ?? (ARCHS.some((a) => a.machine !== HOST_MACHINE && existsSync(archive(a.machine))) ? undefined : `no archive for a CPU other than ${HOST_MACHINE} was built`);
describe.skipIf(refuseReason !== undefined)('the launcher on the wrong CPU', () => {
  let root: BusyboxRoot | undefined;
  afterAll(() => root?.remove());

  it('refuses with a clear message and exit 126 when this machine cannot run the archive\'s loader', () => {
    const other = ARCHS.find((a) => a.machine !== HOST_MACHINE)!;
    root = makeBusyboxRoot('lte-bb-cpu-');
    mkdirSync(join(root.dir, 'opt'));
    execFileSync('tar', ['-xzf', archive(other.machine), '-C', join(root.dir, 'opt')]);
    // This machine may run aarch64 code through qemu-user (binfmt_misc), and the launcher then lets
    // it. A machine that cannot is made by giving the loader an ELF machine no CPU and no binfmt
    // handler has (EM_NONE): exec(2) fails with ENOEXEC, as it does for an aarch64 loader on a router
    // with a MIPS CPU.
    const loader = join(root.dir, 'opt', top(other.machine), 'lib', NAME);
    const elf = readFileSync(loader);
    elf.writeUInt16LE(0, 18);
    writeFileSync(loader, elf);
    const res = spawnSync('chroot', [root.dir, '/bin/sh', `/opt/${top(other.machine)}/${NAME}`, '--version'], { encoding: 'utf8' });
    expect(res.status).toBe(126);
    expect(res.stderr).toBe(`${NAME}: this is the ${other.machine} build and this machine is ${HOST_MACHINE}: take the ${HOST_MACHINE} one (x86_64 and aarch64 are built)\n`);
    expect(res.stdout).toBe('');
  });
});

const linkReason = busyboxRootUnavailable();
describe.skipIf(linkReason !== undefined)('the launcher through a symbolic link', () => {
  let root: BusyboxRoot | undefined;
  afterAll(() => root?.remove());

  it('runs through a symbolic link to the launcher (as /usr/bin/linux-tiny-exporter in the packages)', () => {
    const own = ARCHS.find((a) => a.machine === HOST_MACHINE)!;
    if (!existsSync(archive(own.machine))) throw new Error(`${archive(own.machine)} is missing: run make dist`);
    root = makeBusyboxRoot('lte-bb-link-');
    mkdirSync(join(root.dir, 'usr', 'lib'), { recursive: true });
    execFileSync('tar', ['-xzf', archive(own.machine), '-C', join(root.dir, 'usr', 'lib')]);
    execFileSync('chroot', [root.dir, '/bin/ln', '-s', `../lib/${top(own.machine)}/${NAME}`, `/usr/bin/${NAME}`]);
    const line = new RegExp(`^${NAME} ${projectVersion().replace(/\./g, '\\.')} `);
    expect(execFileSync('chroot', [root.dir, `/usr/bin/${NAME}`, '--version'], { encoding: 'utf8' })).toMatch(line);
    // Named without a directory, from where the link is: `cd /usr/bin && sh linux-tiny-exporter`.
    expect(execFileSync('chroot', [root.dir, '/bin/sh', '-c', `cd /usr/bin && sh ${NAME} --version`], { encoding: 'utf8' })).toMatch(line);
  });
});
