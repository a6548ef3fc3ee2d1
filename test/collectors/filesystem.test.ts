import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createKernelFs } from '../../src/kernel/kernelFs.ts';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli.ts';
import type { Collector, CollectorEnv } from '../../src/collector.ts';
import type { StatfsFn, StatfsResult } from '../../src/collectors/filesystem.ts';
import { createFilesystemCollector, goErrorText, isReadOnly, stripRootfs } from '../../src/collectors/filesystem.ts';
import { COLLECTORS } from '../../src/collectors/index.ts';
import { FamilySet } from '../../src/families.ts';
import type { Paths } from '../../src/kernel/kernelFs.ts';
import { parseMountInfoLine } from '../../src/procfs/mountinfo.ts';
import type { MountInfo } from '../../src/procfs/mountinfo.ts';
import { FIXTURES, expectGolden, fixtureScraper, recordingLogger, samples } from '../helpers/scrape.ts';

const ROUTER = join(FIXTURES, 'router');
/** What node_exporter's default excludes leave of the OpenWrt router's mounts. */
const KEPT = ['/mnt/My Data', '/mnt/boot', '/mnt/sda1', '/overlay', '/tmp', '/tmp/run/nas'];
const SIZE_FAMILIES = ['node_filesystem_size_bytes', 'node_filesystem_free_bytes', 'node_filesystem_avail_bytes', 'node_filesystem_files', 'node_filesystem_files_free'];

function tempDir(dirs: readonly string[] = []): string {
  const root = mkdtempSync(join(tmpdir(), 'lte-fs-'));
  for (const d of dirs) mkdirSync(join(root, d), { recursive: true });
  return root;
}

function procWith(files: Record<string, string>): string {
  const proc = tempDir();
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(proc, rel)), { recursive: true });
    writeFileSync(join(proc, rel), text);
  }
  return proc;
}

function argv(proc: string, rootfs: string, ...extra: string[]): string[] {
  return [`--path.procfs=${proc}`, `--path.sysfs=${join(ROUTER, 'sys')}`, `--path.rootfs=${rootfs}`, '--collector.disable-defaults', '--collector.filesystem', ...extra];
}

const scrape = (proc: string, rootfs: string, ...extra: string[]): Promise<string> => fixtureScraper(argv(proc, rootfs, ...extra)).scrape();

/** label name -> value of one sample line. */
function labelsOf(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of line.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) out[m[1] as string] = (m[2] as string).replace(/\\(.)/g, '$1');
  return out;
}
const valueOf = (line: string): number => Number(line.slice(line.lastIndexOf(' ') + 1));
const mountpoints = (text: string, family: string): string[] => samples(text, family).map((l) => labelsOf(l).mountpoint as string);

/** The lines (HELP, TYPE, samples) of the named families. */
function familyText(text: string, names: readonly string[]): string {
  return text
    .split('\n')
    .filter((l) => names.some((n) => l.startsWith(`${n}{`) || l.startsWith(`${n} `) || l.startsWith(`# HELP ${n} `) || l.startsWith(`# TYPE ${n} `)))
    .join('\n');
}

describe('filesystem collector', () => {
  it('reports the OpenWrt router mounts that node_exporter\'s defaults keep, statted under the rootfs', async () => {
    const rootfs = tempDir(KEPT);
    const text = await scrape(join(ROUTER, 'proc'), rootfs);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="filesystem"} 1']);
    // Deterministic part: errors, read-only flags, mount info. Sizes come from the disk the test runs on.
    expectGolden('router/filesystem.prom', familyText(text, ['node_filesystem_device_error', 'node_filesystem_readonly', 'node_filesystem_mount_info']) + '\n');
    // / is overlayfs:/overlay and /rom squashfs: the default fs-types-exclude drops both, as on a real
    // OpenWrt box; /overlay (ubifs) holds the writable data. /proc, /sys, /dev, cgroup2, autofs are dropped too.
    for (const fam of ['node_filesystem_device_error', 'node_filesystem_readonly', ...SIZE_FAMILIES]) {
      expect([...new Set(mountpoints(text, fam))].sort(), fam).toEqual(KEPT);
      // /mnt/sda1 is mounted twice (same device, same labels): exported once.
      expect(mountpoints(text, fam), fam).toHaveLength(KEPT.length);
    }
    for (const l of samples(text, 'node_filesystem_device_error')) expect(valueOf(l)).toBe(0);
    const by = (fam: string): Map<string, number> => new Map(samples(text, fam).map((l) => [labelsOf(l).mountpoint as string, valueOf(l)]));
    const [size, free, avail, files, filesFree] = SIZE_FAMILIES.map(by) as [Map<string, number>, Map<string, number>, Map<string, number>, Map<string, number>, Map<string, number>];
    for (const mp of KEPT) {
      const s = size.get(mp) as number;
      expect(s).toBeGreaterThan(0);
      expect(free.get(mp)).toBeLessThanOrEqual(s);
      expect(avail.get(mp)).toBeLessThanOrEqual(free.get(mp) as number);
      expect(filesFree.get(mp)).toBeLessThanOrEqual(files.get(mp) as number);
      expect(Number.isInteger(s)).toBe(true);
    }
    expect(samples(text, 'node_filesystem_readonly').filter((l) => valueOf(l) === 1).map((l) => labelsOf(l).mountpoint)).toEqual(['/mnt/boot']);
    expect(samples(text, 'node_filesystem_size_bytes')).toContainEqual(expect.stringMatching(/^node_filesystem_size_bytes\{device="\/dev\/mmcblk0p3",device_error="",fstype="f2fs",mountpoint="\/mnt\/My Data"\} \d+$/));
  });

  it('reports a mount point that does not exist under the rootfs as a device error with Go\'s errno text', async () => {
    const rootfs = tempDir(KEPT.filter((m) => m !== '/mnt/boot'));
    const text = await scrape(join(ROUTER, 'proc'), rootfs);
    const labels = 'device="/dev/mmcblk0p2",device_error="no such file or directory",fstype="vfat",mountpoint="/mnt/boot"';
    expect(samples(text, 'node_filesystem_device_error')).toContain(`node_filesystem_device_error{${labels}} 1`);
    expect(samples(text, 'node_filesystem_readonly')).toContain(`node_filesystem_readonly{${labels}} 1`);
    expect(mountpoints(text, 'node_filesystem_size_bytes')).not.toContain('/mnt/boot');
    expect(samples(text, 'node_filesystem_mount_info').some((l) => l.includes('/mnt/boot'))).toBe(false);
    expect(mountpoints(text, 'node_filesystem_size_bytes')).toHaveLength(KEPT.length - 1);
  });

  it('applies --collector.filesystem.mount-points-exclude and fs-types-exclude', async () => {
    const rootfs = tempDir([...KEPT, '/', '/rom', '/dev']);
    const text = await scrape(join(ROUTER, 'proc'), rootfs, '--collector.filesystem.mount-points-exclude=^/(proc|sys|dev|tmp|mnt)($|/)', '--collector.filesystem.fs-types-exclude=^(ubifs|autofs)$');
    expect(mountpoints(text, 'node_filesystem_size_bytes').sort()).toEqual(['/', '/rom']);
    expect(samples(text, 'node_filesystem_readonly').filter((l) => valueOf(l) === 1).map((l) => labelsOf(l).mountpoint)).toEqual(['/rom']);
  });

  it('applies the include flags, which clear the default excludes', async () => {
    const rootfs = tempDir(KEPT);
    const text = await scrape(join(ROUTER, 'proc'), rootfs, '--collector.filesystem.mount-points-include=^/mnt/');
    expect(mountpoints(text, 'node_filesystem_size_bytes').sort()).toEqual(['/mnt/My Data', '/mnt/boot', '/mnt/sda1']);
    const types = await scrape(join(ROUTER, 'proc'), rootfs, '--collector.filesystem.fs-types-include=^(tmpfs|nfs4)$', '--collector.filesystem.mount-points-exclude=^/dev($|/)');
    expect(mountpoints(types, 'node_filesystem_size_bytes').sort()).toEqual(['/tmp', '/tmp/run/nas']);
  });

  it('accepts the deprecated --collector.filesystem.ignored-* flags in place of the new ones', async () => {
    const rootfs = tempDir(KEPT);
    const log = recordingLogger();
    const text = await fixtureScraper(argv(join(ROUTER, 'proc'), rootfs, '--collector.filesystem.ignored-mount-points=^/(proc|sys|mnt|tmp)($|/)', '--collector.filesystem.ignored-fs-types=^(ubifs|overlay|squashfs|devpts|autofs|cgroup2|debugfs|bpf|pstore)$'), log).scrape();
    // /dev (tmpfs) is no longer excluded and missing under the rootfs.
    expect(mountpoints(text, 'node_filesystem_device_error').sort()).toEqual(['/dev']);
    expect(log.lines.some((l) => l.startsWith('warn') && l.includes('ignored-mount-points is DEPRECATED'))).toBe(true);
  });

  it.each([
    [['--collector.filesystem.ignored-mount-points=^/x', '--collector.filesystem.mount-points-exclude=^/y'], /ignored-mount-points and --collector.filesystem.mount-points-exclude are mutually exclusive/],
    [['--collector.filesystem.ignored-fs-types=^x$', '--collector.filesystem.fs-types-exclude=^y$'], /ignored-fs-types and --collector.filesystem.fs-types-exclude are mutually exclusive/],
    [['--collector.filesystem.mount-points-include=^/x', '--collector.filesystem.mount-points-exclude=^/y'], /mount-points-exclude and --collector.filesystem.mount-points-include are mutually exclusive/],
    [['--collector.filesystem.mount-timeout=5'], /invalid --collector.filesystem.mount-timeout "5"/],
    [['--collector.filesystem.stat-workers=many'], /invalid --collector.filesystem.stat-workers/],
  ])('refuses to start with %j', (extra, err) => {
    expect(() => fixtureScraper(argv(join(ROUTER, 'proc'), ROUTER, ...extra))).toThrow(err);
  });

  it('falls back to self/mountinfo without 1/mountinfo, stripping a --path.rootfs prefix (container view)', async () => {
    const rootfs = tempDir(['/media/usb', '/srv']);
    const proc = procWith({
      'self/mountinfo': [
        `100 90 8:1 / ${rootfs} ro,relatime - ext4 /dev/sda1 rw`,
        `101 100 8:17 / ${rootfs}/media/usb rw,relatime - ext4 /dev/sdb1 rw`,
        '102 90 0:40 / /srv rw - tmpfs tmpfs rw',
        '',
      ].join('\n'),
    });
    const log = recordingLogger();
    const text = await fixtureScraper(argv(proc, rootfs), log).scrape();
    expect(samples(text, 'node_filesystem_readonly')).toEqual([
      'node_filesystem_readonly{device="/dev/sda1",device_error="",fstype="ext4",mountpoint="/"} 1',
      'node_filesystem_readonly{device="/dev/sdb1",device_error="",fstype="ext4",mountpoint="/media/usb"} 0',
      'node_filesystem_readonly{device="tmpfs",device_error="",fstype="tmpfs",mountpoint="/srv"} 0',
    ]);
    expect(samples(text, 'node_filesystem_mount_info')).toEqual([
      'node_filesystem_mount_info{device="/dev/sda1",major="8",minor="1",mountpoint="/"} 1',
      'node_filesystem_mount_info{device="/dev/sdb1",major="8",minor="17",mountpoint="/media/usb"} 1',
      'node_filesystem_mount_info{device="tmpfs",major="0",minor="40",mountpoint="/srv"} 1',
    ]);
    expect(log.lines.some((l) => l.includes('falling back to self mounts'))).toBe(true);
  });

  it('fails (success 0, nothing exported) without any mountinfo, or with one that is all garbage', async () => {
    for (const proc of [procWith({ loadavg: '0 0 0 1/1 1\n' }), procWith({ '1/mountinfo': 'rootfs / rootfs rw 0 0\n' })]) {
      const text = await scrape(proc, tempDir());
      expect(text).not.toMatch(/^node_filesystem_/m);
      expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="filesystem"} 0']);
    }
  });

  it('skips a malformed mountinfo line and keeps the others', async () => {
    const rootfs = tempDir(['/a', '/b']);
    const proc = procWith({ '1/mountinfo': '1 0 0:1 / /a rw - tmpfs tmpfs rw\n2 1 bad / /x rw - tmpfs tmpfs rw\n3 0 0:3 / /b rw - tmpfs tmpfs rw\n' });
    expect(mountpoints(await scrape(proc, rootfs), 'node_filesystem_size_bytes')).toEqual(['/a', '/b']);
  });

  it('exports a repeated mount once per label set: a multihomed NFS export with two device numbers', async () => {
    const rootfs = tempDir(['/home']);
    const proc = procWith({ '1/mountinfo': '40 1 0:41 / /home rw - nfs storagesystem:/exports/home rw,addr=10.0.0.1\n41 1 0:42 / /home rw - nfs storagesystem:/exports/home rw,addr=10.0.0.2\n' });
    const text = await scrape(proc, rootfs);
    for (const fam of ['node_filesystem_device_error', 'node_filesystem_readonly', ...SIZE_FAMILIES]) expect(samples(text, fam), fam).toHaveLength(1);
    expect(samples(text, 'node_filesystem_mount_info')).toEqual([
      'node_filesystem_mount_info{device="storagesystem:/exports/home",major="0",minor="41",mountpoint="/home"} 1',
      'node_filesystem_mount_info{device="storagesystem:/exports/home",major="0",minor="42",mountpoint="/home"} 1',
    ]);
  });

  it('stops exporting a mount that is unmounted between two scrapes', async () => {
    const rootfs = tempDir(['/a', '/b']);
    const proc = procWith({ '1/mountinfo': '1 0 0:1 / /a rw - tmpfs tmpfs rw\n3 0 0:3 / /b rw - tmpfs tmpfs rw\n' });
    const scraper = fixtureScraper(argv(proc, rootfs));
    expect(mountpoints(await scraper.scrape(), 'node_filesystem_size_bytes')).toEqual(['/a', '/b']);
    writeFileSync(join(proc, '1/mountinfo'), '1 0 0:1 / /a rw - tmpfs tmpfs rw\n');
    const second = await scraper.scrape();
    expect(mountpoints(second, 'node_filesystem_size_bytes')).toEqual(['/a']);
    expect(second).not.toContain('mountpoint="/b"');
    rmSync(proc, { recursive: true });
  });
});

describe('filesystem collector with a statfs that fails or hangs', () => {
  const OK: StatfsResult = { bsize: 4096n, blocks: 1000n, bfree: 600n, bavail: 500n, files: 100n, ffree: 40n };

  function setup(mountinfo: string, statfs: StatfsFn, ...flags: string[]): { collector: Collector; run: () => Promise<string>; lines: string[] } {
    const proc = procWith({ '1/mountinfo': mountinfo });
    const paths: Paths = { procfs: proc, sysfs: join(ROUTER, 'sys'), rootfs: '/' };
    const res = parseCli(flags, COLLECTORS);
    if (res.kind !== 'run') throw new Error('unexpected');
    const log = recordingLogger();
    const env: CollectorEnv = { paths, log, flags: res.config.flags };
    const collector = createFilesystemCollector(env, { statfs });
    const fams = new FamilySet();
    const run = async (): Promise<string> => {
      fams.reset();
      await collector.update({
        paths,
        kernel: createKernelFs(paths),
        deadline: performance.now() + 10_000,
        log,
        gauge: (n, h, l) => fams.get('gauge', n, h, l),
        counter: (n, h, l) => fams.get('counter', n, h, l),
        samples: (n, h, t) => fams.samples(n, h, t),
      });
      return fams.text();
    };
    return { collector, run, lines: log.lines };
  }

  it('answers within the mount timeout, marks the mount stuck, skips it until its statfs returns', async () => {
    let release: (r: StatfsResult) => void = () => {};
    let hanging = true;
    const calls: string[] = [];
    const statfs: StatfsFn = (path) => {
      calls.push(path);
      if (path === '/mnt/nas' && hanging) return new Promise<StatfsResult>((resolve) => (release = resolve));
      return Promise.resolve(OK);
    };
    const { run, lines } = setup('1 0 0:1 / /tmp rw - tmpfs tmpfs rw\n2 0 0:2 / /mnt/nas ro - nfs4 nas:/export rw\n', statfs, '--collector.filesystem.mount-timeout=50ms');
    const stuck = 'device="nas:/export",device_error="mountpoint timeout",fstype="nfs4",mountpoint="/mnt/nas"';

    const started = Date.now();
    const first = await run();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(samples(first, 'node_filesystem_device_error')).toEqual([
      `node_filesystem_device_error{${stuck}} 1`,
      'node_filesystem_device_error{device="tmpfs",device_error="",fstype="tmpfs",mountpoint="/tmp"} 0',
    ]);
    // node_exporter reports a stuck mount as read-write: its options are not looked at.
    expect(samples(first, 'node_filesystem_readonly')).toContain(`node_filesystem_readonly{${stuck}} 0`);
    expect(samples(first, 'node_filesystem_size_bytes')).toEqual(['node_filesystem_size_bytes{device="tmpfs",device_error="",fstype="tmpfs",mountpoint="/tmp"} 4096000']);
    expect(samples(first, 'node_filesystem_avail_bytes')).toEqual(['node_filesystem_avail_bytes{device="tmpfs",device_error="",fstype="tmpfs",mountpoint="/tmp"} 2048000']);
    expect(lines.some((l) => l.includes('labeled as stuck'))).toBe(true);

    const second = await run();
    expect(samples(second, 'node_filesystem_device_error')).toContain(`node_filesystem_device_error{${stuck}} 1`);
    expect(calls.filter((c) => c === '/mnt/nas')).toHaveLength(1);

    hanging = false; // the server is back
    release(OK);
    await new Promise((r) => setTimeout(r, 10));
    expect(lines.some((l) => l.includes('has recovered'))).toBe(true);
    const third = await run();
    expect(calls.filter((c) => c === '/mnt/nas')).toHaveLength(2);
    expect(samples(third, 'node_filesystem_device_error')).toContain('node_filesystem_device_error{device="nas:/export",device_error="",fstype="nfs4",mountpoint="/mnt/nas"} 0');
    expect(samples(third, 'node_filesystem_readonly')).toContain('node_filesystem_readonly{device="nas:/export",device_error="",fstype="nfs4",mountpoint="/mnt/nas"} 1');
    expect(third).not.toContain('mountpoint timeout');
  });

  it('labels statfs failures with Go\'s error text, one failing mount not hiding the others', async () => {
    const errs: Record<string, string> = { '/a': 'EACCES', '/b': 'ESTALE', '/c': 'EIO', '/d': 'ENOTCONN' };
    const statfs: StatfsFn = (path) => {
      const code = errs[path];
      return code ? Promise.reject(Object.assign(new Error(`${code}: boom, statfs '${path}'`), { code })) : Promise.resolve(OK);
    };
    const mi = ['a', 'b', 'c', 'd', 'e'].map((m, i) => `${i + 1} 0 0:${i + 1} / /${m} rw - fuse.sshfs u@h:/${m} rw`).join('\n') + '\n';
    const text = await setup(mi, statfs).run();
    expect(samples(text, 'node_filesystem_device_error').map((l) => [labelsOf(l).mountpoint, labelsOf(l).device_error, valueOf(l)])).toEqual([
      ['/a', 'permission denied', 1],
      ['/b', 'stale NFS file handle', 1],
      ['/c', 'input/output error', 1],
      ['/d', 'transport endpoint is not connected', 1],
      ['/e', '', 0],
    ]);
    expect(mountpoints(text, 'node_filesystem_files')).toEqual(['/e']);
  });

  it('runs at most --collector.filesystem.stat-workers statfs calls at once', async () => {
    let running = 0;
    let peak = 0;
    const statfs: StatfsFn = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return OK;
    };
    const mi = Array.from({ length: 10 }, (_, i) => `${i + 1} 0 0:${i + 1} / /m${i} rw - tmpfs tmpfs rw`).join('\n') + '\n';
    const text = await setup(mi, statfs, '--collector.filesystem.stat-workers=2').run();
    expect(peak).toBe(2);
    expect(mountpoints(text, 'node_filesystem_size_bytes')).toHaveLength(10);
  });
  it('runs --collector.filesystem.stat-workers statfs calls at once; hung ones are skipped while they hang', async () => {
    let running = 0;
    let peak = 0;
    const statfs: StatfsFn = async (path) => {
      if (path.startsWith('/dead')) return new Promise<StatfsResult>(() => {});
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return OK;
    };
    const mi = [...Array.from({ length: 6 }, (_, i) => `/m${i}`), '/dead1', '/dead2'].map((m, i) => `${i + 1} 0 0:${i + 1} / ${m} rw - nfs4 nas:${m} rw`).join('\n') + '\n';
    const { run } = setup(mi, statfs, '--collector.filesystem.mount-timeout=30ms', '--collector.filesystem.stat-workers=3');
    await run();
    expect(peak).toBe(3); // two of the three workers end up waiting on /dead1 and /dead2 until the timeout
    peak = 0;
    // The hung mounts are skipped now (stuck until their calls return): the three workers share the rest.
    const text = await run();
    expect(peak).toBe(3);
    // (How many of these calls may sit in libuv's pool is the reader layer's: KernelFs.statfs runs under
    // the slots of blocking reads, test/kernel/blockingRead.test.ts.)
    expect(mountpoints(text, 'node_filesystem_size_bytes')).toHaveLength(6);
    expect(samples(text, 'node_filesystem_device_error').filter((l) => l.includes('mountpoint timeout'))).toHaveLength(2);
  });
});

describe('filesystem helpers', () => {
  const mount = (line: string): MountInfo => parseMountInfoLine(line) as MountInfo;
  it.each([
    ['rw mount, rw super block', '1 0 8:1 / /a rw,relatime - ext4 /dev/sda1 rw', false],
    ['ro mount option', '1 0 8:1 / /a ro,relatime - ext4 /dev/sda1 rw', true],
    ['ro super block (bind mount of a read-only fs)', '1 0 8:1 / /a rw,relatime - ext4 /dev/sda1 ro,errors=continue', true],
    ['ext4 emergency read-only (Linux 6.15+)', '1 0 8:1 / /a rw,relatime - ext4 /dev/sda1 rw,emergency_ro', true],
    ['"ro" only as part of another option', '1 0 8:1 / /a rw,errors=remount-ro - ext4 /dev/sda1 rw,errors=remount-ro,nosymfollow', false],
  ])('isReadOnly: %s', (_n, line, ro) => {
    expect(isReadOnly(mount(line))).toBe(ro);
  });

  it.each([
    ['/', '/media', '/media'],
    ['/host', '/host', '/'],
    ['/host', '/host/media', '/media'],
    ['/host/', '/host/media', '/media'],
    ['/host', '/hostdata', '/hostdata'],
    ['/host', '/other', '/other'],
  ])('stripRootfs(%s, %s) = %s', (root, mp, out) => {
    expect(stripRootfs(root, mp)).toBe(out);
  });

  it('turns Node errors into Go error strings', () => {
    expect(goErrorText(Object.assign(new Error("ENOENT: no such file or directory, statfs '/x'"), { code: 'ENOENT' }))).toBe('no such file or directory');
    expect(goErrorText(Object.assign(new Error("EWHATEVER: odd thing, statfs '/x'"), { code: 'EWHATEVER' }))).toBe('odd thing');
    expect(goErrorText(new Error('plain'))).toBe('plain');
    expect(goErrorText('text')).toBe('text');
  });
});
