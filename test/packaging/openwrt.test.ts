// The self-contained OpenWrt packages (make ipk apk): the .apk for OpenWrt 25.12 checked against the
// apk v2 format (apk-v2(5); no apk binary reaches these machines and Debian has none): its two gzip
// streams, the control segment cut before the end-of-archive blocks, .PKGINFO's fields and datahash,
// every data entry's APK-TOOLS.checksum.SHA1 and directory entries, the /lib/apk/packages/ files
// OpenWrt's scripts read; and the self-contained .ipk read the way the .ipk tests read the node one.
// Then what each package installs, unpacked into a root holding only busybox-static, runs the
// exporter through /usr/bin/linux-tiny-exporter and serves the router fixtures on 127.0.0.1.
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { busyboxRootUnavailable, makeBusyboxRoot } from '../dist/busyboxRoot.ts';
import type { BusyboxRoot } from '../dist/busyboxRoot.ts';
import { enableArm64Binfmt } from './debroot.ts';
import { killAll, scrape, startExporter } from '../dist/harness.ts';
import { FIXTURES, ROOT } from '../helpers/scrape.ts';
import { hasCommand } from '../helpers/tools.ts';
import { packagePath, parseControl, readTar, readTarGz, version } from './archive.ts';
import type { TarEntry } from './archive.ts';

const NAME = 'linux-tiny-exporter';
const OPENWRT_AARCH64 = process.env.OPENWRT_AARCH64 ?? 'aarch64_cortex-a53';

interface Target {
  readonly machine: 'x86_64' | 'aarch64';
  /** The OpenWrt package architecture (opkg's arch, apk's /etc/apk/arch). */
  readonly openwrt: string;
  readonly loader: string;
}
const TARGETS: readonly Target[] = [
  { machine: 'x86_64', openwrt: 'x86_64', loader: 'ld-linux-x86-64.so.2' },
  { machine: 'aarch64', openwrt: OPENWRT_AARCH64, loader: 'ld-linux-aarch64.so.1' },
];
const tarball = (t: Target): string => join(ROOT, 'dist', `${NAME}-${version()}-linux-${t.machine}.tar.gz`);

function missing(t: Target, path: string): string | undefined {
  if (existsSync(path)) return undefined;
  if (t.machine === 'x86_64') throw new Error(`${path} is missing: run make ipk apk (make test does)`);
  return `${path} not built: make dist needs qemu-aarch64-static and /usr/aarch64-linux-gnu for the aarch64 tree (apt-get install qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross; make deps)`;
}

afterEach(() => killAll());

/** The gzip members of a file, each as stored. Our writer sets no optional header fields (FLG 0). */
function gzipMembers(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let off = 0;
  while (off < buf.length) {
    expect([buf[off], buf[off + 1], buf[off + 2], buf[off + 3]]).toEqual([0x1f, 0x8b, 8, 0]);
    const { engine } = inflateRawSync(buf.subarray(off + 10), { info: true }) as unknown as { engine: { bytesWritten: number } };
    const end = off + 10 + engine.bytesWritten + 8;
    out.push(buf.subarray(off, end));
    off = end;
  }
  return out;
}

function pkginfo(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-z_]+) = (.*)$/.exec(line);
    if (!m) throw new Error(`not a .PKGINFO line: ${line}`);
    out.set(m[1]!, [...(out.get(m[1]!) ?? []), m[2]!]);
  }
  return out;
}

/** pax records "<len> key=value\n" of an extended header. */
function paxRecords(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let off = 0;
  while (off < data.length) {
    const sp = data.indexOf(0x20, off);
    const len = Number(data.subarray(off, sp).toString());
    const rec = data.subarray(sp + 1, off + len - 1).toString();
    const eq = rec.indexOf('=');
    out.set(rec.slice(0, eq), rec.slice(eq + 1));
    off += len;
  }
  return out;
}

/** Writes tar entries into `dir` as a package manager does: directories, files with their modes, links. */
function unpack(entries: readonly TarEntry[], dir: string): void {
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.type === '5') mkdirSync(path, { recursive: true });
    else if (e.type === '2') {
      mkdirSync(dirname(path), { recursive: true });
      symlinkSync(linkTarget(e), path);
    } else if (e.type === '0') {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, e.data);
      chmodSync(path, e.mode);
    }
  }
}
const linkTargets = new WeakMap<TarEntry, string>();
function linkTarget(e: TarEntry): string {
  const t = linkTargets.get(e);
  if (t === undefined) throw new Error(`no link target for ${e.name}`);
  return t;
}

/** Reads the tar headers' link names (archive.ts keeps only what the .ipk/.deb tests need). */
function withLinkTargets(tar: Buffer, entries: TarEntry[]): TarEntry[] {
  let off = 0;
  let i = 0;
  while (off + 512 <= tar.length && i < entries.length) {
    const block = tar.subarray(off, off + 512);
    if (block.every((b) => b === 0)) break;
    const size = parseInt(block.subarray(124, 136).toString().replace(/\0.*$/s, '').trim() || '0', 8);
    const type = String.fromCharCode(block[156]!);
    if (type !== 'L') {
      if (type === '2') linkTargets.set(entries[i]!, block.subarray(157, 257).toString().replace(/\0.*$/s, ''));
      i++;
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

/** The files a package installs, as "<path> <mode>" (symlinks as "<path> -> <target>"), directories left out. */
function listing(entries: readonly TarEntry[]): string[] {
  return entries
    .filter((e) => e.type === '0' || e.type === '2')
    .map((e) => (e.type === '2' ? `/${e.name.replace(/^\.\//, '')} -> ${linkTarget(e)}` : `/${e.name.replace(/^\.\//, '')} ${e.mode.toString(8)}`))
    .sort();
}

/** What the self-contained tree of `make dist` holds, as it lands under /usr/lib/linux-tiny-exporter. */
function treeListing(t: Target): string[] {
  const top = `${NAME}-${version()}-linux-${t.machine}/`;
  return readTarGz(readFileSync(tarball(t)))
    .filter((e) => e.type === '0')
    .map((e) => `/usr/lib/${NAME}/${e.name.slice(top.length)} ${e.mode.toString(8)}`)
    .sort();
}

const COMMON_FILES = [`/etc/config/${NAME} 644`, `/etc/init.d/${NAME} 755`, `/usr/bin/${NAME} -> ../lib/${NAME}/${NAME}`];

/** Runs the installed /usr/bin/linux-tiny-exporter in a busybox-only root on the router fixtures. */
async function runsInBusyboxRoot(entries: readonly TarEntry[], t: Target): Promise<void> {
  if (t.machine === 'aarch64' && process.arch !== 'arm64') await enableArm64Binfmt();
  let root: BusyboxRoot | undefined;
  try {
    root = makeBusyboxRoot(`lte-owrt-${t.machine}-`);
    unpack(entries, root.dir);
    mkdirSync(join(root.dir, 'fixtures'));
    for (const d of ['router', 'adjtimex']) execFileSync('cp', ['-a', join(FIXTURES, d), join(root.dir, 'fixtures', d)]);
    const flags = ['--path.procfs=/fixtures/router/proc', '--path.sysfs=/fixtures/router/sys', '--path.rootfs=/fixtures/router', '--collector.timex.perl=/fixtures/adjtimex/fake-perl'];
    const ver = spawnSync('chroot', [root.dir, `/usr/bin/${NAME}`, '--version'], { encoding: 'utf8', timeout: 60_000 });
    const arch = t.machine === 'x86_64' ? 'x64' : 'arm64';
    expect([ver.status, ver.stdout]).toEqual([0, expect.stringMatching(new RegExp(`^${NAME} ${version().replace(/\./g, '\\.')} \\(node v[\\d.]+, linux/${arch}\\)\n$`))]);
    const exporter = await startExporter('chroot', [root.dir, `/usr/bin/${NAME}`], flags, { timeoutMs: 90_000 });
    const body = await scrape(exporter.address);
    expect(body).toContain('node_load1 0.52');
    expect(body).toMatch(/^node_scrape_collector_success\{collector="cpu"\} 1$/m);
    expect(body).toMatch(/^node_timex_offset_seconds /m);
    expect(await exporter.stop()).toBe(0);
  } finally {
    killAll();
    root?.remove();
  }
}

const rootReason = busyboxRootUnavailable();
if (rootReason) console.warn(`SKIPPING the busybox-root runs of the OpenWrt packages: ${rootReason}`);

for (const t of TARGETS) {
  const APK = packagePath(`${t.openwrt}.apk`);
  const apkReason = missing(t, APK);
  if (apkReason) console.warn(`SKIPPING the ${t.openwrt} .apk tests: ${apkReason}`);

  describe.skipIf(apkReason !== undefined)(`the ${t.openwrt} .apk (apk v2, OpenWrt 25.12)`, () => {
    const raw = (): Buffer => readFileSync(APK);
    let parsed: { control: Buffer; data: Buffer; controlTar: Buffer; dataTar: Buffer } | undefined;
    const parts = () => {
      if (!parsed) {
        const members = gzipMembers(raw());
        // Unsigned: no .SIGN.* segment before the control segment (apk add --allow-untrusted).
        expect(members.length).toBe(2);
        parsed = { control: members[0]!, data: members[1]!, controlTar: gunzipSync(members[0]!), dataTar: gunzipSync(members[1]!) };
      }
      return parsed;
    };

    it('is two gzip streams that form one tar: the control segment has no end-of-archive blocks, the data segment does', () => {
      const { controlTar, dataTar } = parts();
      const control = readTar(controlTar);
      expect(control.map((e) => e.name)).toEqual(['.PKGINFO', '.post-install', '.post-upgrade', '.pre-deinstall']);
      // Cut: the control tar ends right after its last entry's data (abuild-tar --cut).
      const used = control.reduce((n, e) => n + 512 + Math.ceil(e.data.length / 512) * 512, 0);
      expect(controlTar.length).toBe(used);
      expect(dataTar.subarray(-1024).every((b) => b === 0)).toBe(true);
      // Read as apk reads it, the two decompressed segments one after the other: one tar.
      const all = readTar(Buffer.concat([controlTar, dataTar]));
      expect(all.length).toBe(control.length + readTar(dataTar).length);
      for (const e of all) {
        expect([e.name, e.uid, e.gid]).toEqual([e.name, 0, 0]);
        expect(e.name.startsWith('/') || e.name.startsWith('./')).toBe(false);
      }
      // ustar headers (apk's tar reader wants the "ustar" magic) owned by user and group "root" by name.
      for (let off = 0; off < controlTar.length; ) {
        const h = controlTar.subarray(off, off + 512);
        expect(h.subarray(257, 262).toString()).toBe('ustar');
        expect([h.subarray(265, 269).toString(), h.subarray(297, 301).toString()]).toEqual(['root', 'root']);
        off += 512 + Math.ceil(parseInt(h.subarray(124, 135).toString(), 8) / 512) * 512;
      }
      console.info(`${APK}: ${raw().length} bytes`);
    });

    it('.PKGINFO: the fields apk reads, datahash the SHA-256 of the data stream as stored, size the files\' bytes', () => {
      const { controlTar, data, dataTar } = parts();
      const info = pkginfo(readTar(controlTar)[0]!.data.toString());
      expect([...info.keys()].sort()).toEqual(['arch', 'builddate', 'datahash', 'license', 'maintainer', 'origin', 'packager', 'pkgdesc', 'pkgname', 'pkgver', 'size']);
      for (const [k, v] of info) expect([k, v.length]).toEqual([k, 1]);
      const one = (k: string): string => info.get(k)![0]!;
      expect(one('pkgname')).toBe(NAME);
      expect(one('pkgname')).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9._+-]*$/);
      // apk-package(5): number{.number}...{letter}{_suffix{number}}...{~hash}{-r#}
      expect(one('pkgver')).toBe(`${version()}-r1`);
      expect(one('pkgver')).toMatch(/^\d+(\.\d+)*[a-z]?(_(alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*(~[0-9a-f]+)?(-r\d+)?$/);
      // apk installs a package only when its arch is in /etc/apk/arch (or noarch): OpenWrt's names.
      expect(one('arch')).toBe(t.openwrt);
      expect(one('pkgdesc')).not.toContain('\n');
      expect(one('license')).toBe('Apache-2.0');
      expect(one('origin')).toBe(NAME);
      expect(one('builddate')).toMatch(/^\d+$/);
      expect(one('datahash')).toBe(createHash('sha256').update(data).digest('hex'));
      const files = readTar(dataTar).filter((e) => e.type === '0');
      expect(one('size')).toBe(String(files.reduce((n, e) => n + e.data.length, 0)));
      // Self-contained: no dependency at all (in particular not on node).
      expect(info.has('depend')).toBe(false);
    });

    it('every file and link carries APK-TOOLS.checksum.SHA1 in a pax header; every directory has its entry', () => {
      const { dataTar } = parts();
      const entries = withLinkTargets(dataTar, readTar(dataTar));
      const dirs = new Set<string>();
      let checked = 0;
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i]!;
        if (e.type === '5') {
          expect(e.name.endsWith('/')).toBe(true);
          expect(e.mode).toBe(0o755);
          dirs.add(e.name);
          continue;
        }
        if (e.type === 'x') {
          const next = entries[i + 1]!;
          expect(['0', '2']).toContain(next.type);
          const sha1 = paxRecords(e.data).get('APK-TOOLS.checksum.SHA1');
          const content = next.type === '2' ? Buffer.from(linkTarget(next)) : next.data;
          expect([next.name, sha1]).toEqual([next.name, createHash('sha1').update(content).digest('hex')]);
          checked++;
          continue;
        }
        expect(entries[i - 1]?.type, `${e.name} has no pax header before it`).toBe('x');
        const parent = e.name.slice(0, e.name.lastIndexOf('/') + 1);
        if (parent !== '') expect(dirs.has(parent), `${e.name}: directory ${parent} not listed before it`).toBe(true);
      }
      expect(checked).toBe(entries.filter((e) => e.type === '0' || e.type === '2').length);
    });

    it('installs the self-contained tree, the init script, the UCI config and OpenWrt\'s /lib/apk/packages files', () => {
      const { dataTar } = parts();
      const entries = withLinkTargets(dataTar, readTar(dataTar)).filter((e) => e.type !== 'x');
      const meta = `/lib/apk/packages/${NAME}`;
      expect(listing(entries)).toEqual(
        [...treeListing(t), ...COMMON_FILES, `${meta}.conffiles 644`, `${meta}.conffiles_static 644`, `${meta}.list 644`, `${meta}.rusers 644`].sort(),
      );
      const file = (p: string): string => entries.find((e) => e.name === p.slice(1))!.data.toString();
      // The list default_postinst/default_prerm read: every file and link, the init script among them.
      const listed = file(`${meta}.list`).trim().split('\n');
      expect(listed).toEqual(listing(entries).map((l) => l.split(' ')[0]!).filter((p) => p !== `${meta}.list`).sort());
      expect(listed).toContain(`/etc/init.d/${NAME}`);
      expect(file(`${meta}.rusers`)).toBe(`${NAME}:${NAME}\n`);
      expect(file(`${meta}.conffiles`)).toBe(`/etc/config/${NAME}\n`);
      const config = file(`/etc/config/${NAME}`);
      expect(file(`${meta}.conffiles_static`)).toBe(`/etc/config/${NAME} ${createHash('sha256').update(config).digest('hex')}\n`);
      // One source for both: the .ipk's init script, UCI config and maintainer scripts.
      const ipk = readTarGz(readTarGz(readFileSync(packagePath('all.ipk'))).find((e) => e.name === './data.tar.gz')!.data);
      for (const p of [`./etc/init.d/${NAME}`, `./etc/config/${NAME}`]) expect(file(p.slice(1))).toBe(ipk.find((e) => e.name === p)!.data.toString());
      const control = readTar(parts().controlTar);
      expect(control[1]!.data.toString()).toBe(readFileSync(join(ROOT, 'packaging', 'ipk', 'postinst'), 'utf8'));
      expect(control[2]!.data.toString()).toBe(control[1]!.data.toString());
      expect(control[3]!.data.toString()).toBe(readFileSync(join(ROOT, 'packaging', 'ipk', 'prerm'), 'utf8'));
      for (const s of control.slice(1)) expect(s.mode).toBe(0o755);
    });

    it.skipIf(rootReason !== undefined)('what it installs runs in a busybox-only root: /usr/bin/linux-tiny-exporter serves the router fixtures', async () => {
      const { dataTar } = parts();
      await runsInBusyboxRoot(withLinkTargets(dataTar, readTar(dataTar)), t);
    }, 240_000);
  });

  const IPK = packagePath(`${t.openwrt}.ipk`);
  const ipkReason = missing(t, IPK);
  if (ipkReason) console.warn(`SKIPPING the self-contained ${t.openwrt} .ipk tests: ${ipkReason}`);

  describe.skipIf(ipkReason !== undefined)(`the self-contained ${t.openwrt} .ipk (OpenWrt 24.10 without node)`, () => {
    const outer = (): TarEntry[] => readTarGz(readFileSync(IPK));
    const member = (name: string): TarEntry => outer().find((e) => e.name === name)!;
    const data = (): TarEntry[] => {
      const tar = gunzipSync(member('./data.tar.gz').data);
      return withLinkTargets(tar, readTar(tar));
    };

    it('is laid out as ipkg-build makes one, with no dependency, its OpenWrt arch and Require-User', () => {
      expect(outer().map((e) => e.name)).toEqual(['./debian-binary', './data.tar.gz', './control.tar.gz']);
      const control = readTarGz(member('./control.tar.gz').data);
      expect(control.map((e) => e.name).sort()).toEqual(['./', './conffiles', './control', './postinst', './prerm']);
      const fields = parseControl(control.find((e) => e.name === './control')!.data.toString());
      expect([...fields.keys()]).toEqual(['Package', 'Version', 'Source', 'SourceName', 'License', 'Section', 'Require-User', 'Maintainer', 'Architecture', 'Installed-Size', 'Description']);
      expect(fields.get('Architecture')).toBe(t.openwrt);
      expect(fields.get('Require-User')).toBe(`${NAME}:${NAME}`);
      expect(fields.get('Installed-Size')).toBe(String(gunzipSync(member('./data.tar.gz').data).length));
      expect(control.find((e) => e.name === './postinst')!.data.toString()).toBe(readFileSync(join(ROOT, 'packaging', 'ipk', 'postinst'), 'utf8'));
      console.info(`${IPK}: ${readFileSync(IPK).length} bytes, ${fields.get('Installed-Size')} bytes installed`);
    });

    it('holds the self-contained tree, the init script and the UCI config', () => {
      expect(listing(data())).toEqual([...treeListing(t), ...COMMON_FILES].sort());
      for (const e of data()) expect([e.name, e.uid, e.gid]).toEqual([e.name, 0, 0]);
    });

    it.skipIf(rootReason !== undefined)('unpacked as opkg does into a busybox-only root: /usr/bin/linux-tiny-exporter serves the router fixtures', async () => {
      await runsInBusyboxRoot(data(), t);
    }, 240_000);
  });
}

// apk itself is not run here: no apk binary reaches these machines (Debian has no package), and a test
// that could only skip in CI would be no test. The .apk was installed by hand with apk-tools 3.0.6 built
// from source (docs/packaging.md); the structure test above checks what apk checks.

describe('the maintainer scripts', () => {
  it('pass shellcheck', (ctx) => {
    if (!hasCommand('shellcheck')) {
      console.warn('shellcheck not found (apt-get install shellcheck): skipped');
      ctx.skip();
    }
    execFileSync('shellcheck', ['-s', 'sh', join(ROOT, 'packaging', 'ipk', 'postinst'), join(ROOT, 'packaging', 'ipk', 'prerm')], { stdio: 'pipe' });
  });
});

afterAll(() => killAll());
