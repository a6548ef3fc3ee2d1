// The Debian packages (make deb): contents and control fields, lintian, the systemd unit's hardening;
// then each .deb installed for real with apt-get in a minimal bookworm root (debootstrap; arm64 through
// qemu-user binfmt), the installed executable run there and scraped over 127.0.0.1, the conffile and
// the unit checked (systemd-analyze verify with systemd installed in the amd64 root), purged, and
// nothing left behind. A wrong-architecture install is refused.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAll, scrape, startExporter } from '../dist/harness.ts';
import { ROOT } from '../helpers/scrape.ts';
import { hasCommand } from '../helpers/tools.ts';
import { packagePath, parseControl, version } from './archive.ts';
import { enableArm64Binfmt, freshRoot, inRoot, inRootArgv, listRoot, removeRoot, rootsUnavailable, run } from './debroot.ts';
import type { DebArch } from './debroot.ts';

const NAME = 'linux-tiny-exporter';
const DEB: Record<DebArch, string> = { amd64: packagePath('amd64.deb'), arm64: packagePath('arm64.deb') };
const UNIT = readFileSync(join(ROOT, 'packaging', 'deb', `${NAME}.service`), 'utf8');
const SLOW = 1_800_000;

for (const deb of Object.values(DEB)) if (!existsSync(deb)) throw new Error(`${deb} is missing: run make deb (make test does)`);

afterAll(() => killAll());

function dpkgDeb(...args: string[]): string {
  return execFileSync('dpkg-deb', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

describe.each(['amd64', 'arm64'] as const)('the %s .deb', (arch) => {
  it('has the control fields, maintainer scripts and conffile', () => {
    const fields = parseControl(dpkgDeb('-f', DEB[arch]));
    expect(fields.get('Package')).toBe(NAME);
    expect(fields.get('Version')).toBe(version());
    expect(fields.get('Architecture')).toBe(arch);
    expect(fields.get('Depends')).toBe('libc6 (>= 2.28), libgcc-s1 (>= 3.0), libstdc++6 (>= 5.2)');
    const members = dpkgDeb('-I', DEB[arch]);
    for (const m of ['control', 'md5sums', 'conffiles', 'postinst', 'prerm', 'postrm']) expect(members).toMatch(new RegExp(`^\\s+\\d+ bytes,\\s+\\d+ lines\\s+\\*?\\s*${m}\\b`, 'm'));
    expect(execFileSync('sh', ['-c', `dpkg-deb --info "${DEB[arch]}" conffiles`], { encoding: 'utf8' })).toBe(`/etc/default/${NAME}\n`);
    console.info(`${DEB[arch]}: ${readFileSync(DEB[arch]).length} bytes`);
  });

  it('holds the executable, unit, defaults, man page, copyright and changelog, root-owned', () => {
    const lines = dpkgDeb('-c', DEB[arch]).trim().split('\n');
    const files = new Map(lines.map((l) => {
      const f = l.split(/\s+/);
      return [f[5]!, { mode: f[0]!, owner: f[1]! }] as const;
    }));
    const expected: Record<string, string> = {
      [`./usr/bin/${NAME}`]: '-rwxr-xr-x',
      [`./lib/systemd/system/${NAME}.service`]: '-rw-r--r--',
      [`./etc/default/${NAME}`]: '-rw-r--r--',
      [`./usr/share/man/man1/${NAME}.1.gz`]: '-rw-r--r--',
      [`./usr/share/doc/${NAME}/copyright`]: '-rw-r--r--',
      [`./usr/share/doc/${NAME}/changelog.gz`]: '-rw-r--r--',
      [`./usr/share/lintian/overrides/${NAME}`]: '-rw-r--r--',
    };
    for (const [path, mode] of Object.entries(expected)) expect([path, files.get(path)?.mode]).toEqual([path, mode]);
    expect([...files.keys()].filter((p) => !p.endsWith('/')).sort()).toEqual(Object.keys(expected).sort());
    for (const [path, f] of files) expect([path, f.owner]).toEqual([path, 'root/root']);
    // The executable is `make dist`'s, byte for byte.
    const inDeb = execFileSync('sh', ['-c', `dpkg-deb --fsys-tarfile "${DEB[arch]}" | tar -xOf - ./usr/bin/${NAME} | sha256sum`], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const dist = execFileSync('sha256sum', [join(ROOT, 'dist', `${NAME}-linux-${arch === 'amd64' ? 'x64' : 'arm64'}`)], { encoding: 'utf8' });
    expect(inDeb.split(' ')[0], 'the .deb holds another executable than dist/: make deb').toBe(dist.split(' ')[0]);
  });
});

describe('the copyright file', () => {
  it('is machine-readable (DEP-5) and carries Node.js\'s LICENSE', () => {
    const text = execFileSync('sh', ['-c', `dpkg-deb --fsys-tarfile "${DEB.amd64}" | tar -xOf - ./usr/share/doc/${NAME}/copyright`], { encoding: 'utf8' });
    const paragraphs = text.trimEnd().split(/\n\n/).map(parseControl);
    expect(paragraphs[0]!.get('Format')).toBe('https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/');
    const files = paragraphs.filter((p) => p.has('Files')).map((p) => p.get('Files'));
    expect(files).toEqual(['*', 'node_modules/prom-client/*', 'node_modules/@opentelemetry/api/*', 'node_modules/tdigest/*', 'node_modules/bintrees/*', 'node/*']);
    const nodeLicense = paragraphs.at(-1)!.get('License')!;
    expect(nodeLicense).toContain('Node.js is licensed for use as follows:');
    // Every License named in a Files paragraph has its text somewhere.
    const standalone = new Set(paragraphs.filter((p) => !p.has('Files') && p.has('License')).map((p) => p.get('License')!.split('\n')[0]));
    expect(standalone).toEqual(new Set(['Apache-2.0', 'Expat']));
  });
});

describe('lintian', () => {
  it('passes with --fail-on error,warning (both architectures; overrides commented in packaging/deb/lintian-overrides)', async (ctx) => {
    if (!hasCommand('lintian')) {
      console.warn('lintian not found (apt-get install lintian): the lintian test is skipped');
      ctx.skip();
    }
    const r = await run('lintian', ['--fail-on', 'error,warning', '--info', DEB.amd64, DEB.arm64], { timeoutMs: SLOW });
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout.split('\n').filter((l) => /^[EW]: /.test(l))).toEqual([]);
    // Every override is used (an override that matches nothing is itself reported, as an info tag).
    expect(r.stdout).not.toMatch(/unused-override/);
  }, SLOW);
});

describe('the systemd unit', () => {
  const directives = new Map<string, string[]>();
  for (const line of UNIT.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (m) directives.set(m[1]!, [...(directives.get(m[1]!) ?? []), m[2]!]);
  }
  const one = (k: string) => directives.get(k)?.join(' ');

  it('runs unprivileged and hardened, restarting on failure, with ARGS from /etc/default', () => {
    expect(one('ExecStart')).toBe(`/usr/bin/${NAME} $ARGS`);
    expect(one('ExecReload')).toBe('/bin/sh -c "kill -HUP $MAINPID"'); // sh's kill: minbase has no /bin/kill (procps)
    expect(one('EnvironmentFile')).toBe(`-/etc/default/${NAME}`);
    expect(one('Restart')).toBe('on-failure');
    expect(one('DynamicUser')).toBe('yes');
    for (const k of ['NoNewPrivileges', 'PrivateTmp', 'PrivateDevices', 'ProtectKernelTunables', 'ProtectKernelModules', 'ProtectControlGroups', 'RestrictSUIDSGID', 'LockPersonality', 'MemoryDenyWriteExecute']) expect([k, one(k)]).toEqual([k, 'yes']);
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('ProtectHome')).toBe('read-only');
    expect(one('CapabilityBoundingSet')).toBe('');
    expect(one('WantedBy')).toBe('multi-user.target');
  });

  it('leaves /proc, /sys and adjtimex(2) to the collectors', () => {
    // timex makes adjtimex(2) through Perl: ProtectClock= would filter the whole @clock group.
    expect(directives.has('ProtectClock')).toBe(false);
    expect(directives.get('SystemCallFilter')).toEqual(['@system-service adjtimex']);
    // filesystem reads /proc/1/mountinfo; per-process collectors read /proc/<pid>.
    expect(directives.has('ProcSubset')).toBe(false);
    expect(directives.has('ProtectProc')).toBe(false);
    expect(directives.has('InaccessiblePaths')).toBe(false);
  });

  it('MemoryDenyWriteExecute holds: the executable serves with the kernel refusing writable+executable memory (PR_SET_MDWE)', async (ctx) => {
    if (process.arch !== 'x64' || !existsSync('/usr/bin/perl')) {
      console.warn('needs x86_64 and /usr/bin/perl (perl-base): skipped');
      ctx.skip();
    }
    // perl sets PR_SET_MDWE (65) to PR_MDWE_REFUSE_EXEC_GAIN (1), which execve keeps, then runs the executable.
    const setMdwe = 'syscall(157, 65, 1, 0, 0, 0) == 0 or die "prctl(PR_SET_MDWE): $!\\n"; exec @ARGV or die "exec: $!\\n"';
    const probe = await run('perl', ['-e', setMdwe, '/bin/true']);
    if (probe.code !== 0) {
      console.warn(`this kernel has no PR_SET_MDWE (Linux 6.3+): skipped (${probe.stderr.trim()})`);
      ctx.skip();
    }
    const exe = join(ROOT, 'dist', `${NAME}-linux-x64`);
    const router = join(ROOT, 'test', 'fixtures', 'router');
    const p = await startExporter('perl', ['-e', setMdwe, exe, `--path.procfs=${router}/proc`, `--path.sysfs=${router}/sys`, `--path.rootfs=${router}`, '--no-collector.timex'], []);
    const body = await scrape(p.address);
    expect(body).toMatch(/^node_scrape_collector_success\{collector="cpu"\} 1$/m);
    expect(await p.stop()).toBe(0);
    // The control: Node.js with its JIT (this machine's node) dies under the same rule.
    const jit = await run('perl', ['-e', setMdwe, process.execPath, '-e', 'for (let i = 0; i < 1e6; i++) Math.sqrt(i)']);
    expect(jit.code).not.toBe(0);
  });
});

/** The checks on one installed root. */
async function installRunPurge(arch: DebArch, root: string, withSystemd: boolean): Promise<void> {
  const before = await listRoot(root);
  copyFileSync(DEB[arch], join(root, 'tmp', 'pkg.deb'));
  const install = await inRoot(root, ['sh', '-c', 'cd /tmp && apt-get install -y --no-install-recommends ./pkg.deb']);
  expect(install.code, `${install.stdout}\n${install.stderr}`).toBe(0);
  expect((await inRoot(root, ['dpkg-query', '-W', '-f', '${Status} ${Version} ${Architecture}', NAME])).stdout).toBe(`install ok installed ${version()} ${arch}`);

  // The conffile, registered as one, with ARGS.
  const conffiles = (await inRoot(root, ['dpkg-query', '-W', '-f', '${Conffiles}', NAME])).stdout;
  expect(conffiles).toMatch(new RegExp(`^ /etc/default/${NAME} [0-9a-f]{32}$`, 'm'));
  expect(readFileSync(join(root, 'etc', 'default', NAME), 'utf8')).toMatch(/^ARGS=""$/m);
  // postinst enabled the unit (deb-systemd-helper), although systemd is not running.
  const wants = join(root, 'etc', 'systemd', 'system', 'multi-user.target.wants', `${NAME}.service`);
  expect(lstatSync(wants).isSymbolicLink()).toBe(true);
  expect(readlinkSync(wants)).toBe(`/lib/systemd/system/${NAME}.service`);

  if (withSystemd) {
    const verify = await inRoot(root, ['systemd-analyze', 'verify', '--man=no', `/lib/systemd/system/${NAME}.service`]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stderr.trim()).toBe('');
    const security = await inRoot(root, ['systemd-analyze', 'security', '--offline=yes', `/lib/systemd/system/${NAME}.service`]);
    const exposure = /Overall exposure level for \S+: (\d+\.\d+)/.exec(security.stdout);
    console.info(`systemd-analyze security: ${exposure?.[0] ?? security.stdout.slice(-300)}`);
    expect(exposure, security.stdout + security.stderr).not.toBeNull();
    expect(Number(exposure![1])).toBeLessThan(3);
  }

  // The installed executable, run in the root (arm64 through qemu), scraped on 127.0.0.1: the
  // machine's real /proc and /sys; timex through the root's own /usr/bin/perl.
  const [cmd, args] = inRootArgv(root, [`/usr/bin/${NAME}`]);
  const p = await startExporter(cmd, args, [], { env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin' }, timeoutMs: 120_000 });
  const body = await scrape(p.address);
  expect(body).toMatch(/^node_cpu_seconds_total\{cpu="0",mode="idle"\} \d/m);
  expect(body).toMatch(/^node_scrape_collector_success\{collector="timex"\} 1$/m);
  expect(body).toMatch(/^node_timex_sync_status /m);
  expect(body).toMatch(new RegExp(`^node_uname_info\\{.*machine="${arch === 'amd64' ? 'x86_64' : 'aarch64'}".*\\} 1$`, 'm'));
  expect(body).toMatch(new RegExp(`^linux_tiny_exporter_build_info\\{.*version="${version().replace(/\./g, '\\.')}".*\\} 1$`, 'm'));
  expect(await p.stop()).toBe(0);

  // Purge: package, conffile, enable symlink and deb-systemd-helper state all gone.
  const purge = await inRoot(root, ['apt-get', 'purge', '-y', NAME]);
  expect(purge.code, `${purge.stdout}\n${purge.stderr}`).toBe(0);
  expect((await inRoot(root, ['dpkg-query', '-W', '-f', '${Status}', NAME])).stdout).not.toMatch(/installed/);
  const after = await listRoot(root);
  expect([...after].filter((p) => !before.has(p))).toEqual([]);
  expect([...before].filter((p) => !after.has(p))).toEqual([]);
}

async function wrongArchRefused(arch: DebArch, root: string): Promise<void> {
  const other: DebArch = arch === 'amd64' ? 'arm64' : 'amd64';
  copyFileSync(DEB[other], join(root, 'tmp', 'other.deb'));
  const r = await inRoot(root, ['dpkg', '--install', '/tmp/other.deb']);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain(`package architecture (${other}) does not match system (${arch})`);
  expect((await inRoot(root, ['dpkg-query', '-W', '-f', '${Status}', NAME])).stdout).not.toMatch(/ installed/);
}

describe.each([
  ['amd64', ['systemd']],
  ['arm64', []],
] as const)('installed in a debootstrapped bookworm %s root', (arch, include) => {
  it(`apt-get installs, runs and serves, purges cleanly; refuses the other architecture${include.length ? '; systemd-analyze verify' : ''}`, async (ctx) => {
    const why = rootsUnavailable(arch);
    if (why) {
      console.warn(`${arch} root: ${why}: skipped`);
      ctx.skip();
    }
    if (arch === 'arm64' && process.arch !== 'arm64') await enableArm64Binfmt();
    const t0 = Date.now();
    const root = await freshRoot(arch, include);
    if (root === undefined) {
      console.warn(`${arch} root: none cached (make deps runs build/make-test-roots.sh, which debootstraps it): skipped`);
      ctx.skip();
      return;
    }
    const t1 = Date.now();
    try {
      await installRunPurge(arch, root, include.length > 0);
      await wrongArchRefused(arch, root);
    } finally {
      removeRoot(root);
    }
    console.info(`${arch} root: ready in ${((t1 - t0) / 1000).toFixed(0)} s, install/run/purge ${((Date.now() - t1) / 1000).toFixed(0)} s`);
  }, SLOW);
});

