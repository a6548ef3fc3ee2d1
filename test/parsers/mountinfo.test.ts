import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMountPoint, parseMountInfo, parseMountInfoLine, parseMountInfoStrict, superOptionValue } from '../../src/procfs/mountinfo.ts';
import type { MountSuperBlock } from '../../src/procfs/mountinfo.ts';
import { FIXTURES } from '../helpers/scrape.ts';

describe('parseMountInfoLine', () => {
  it('parses a line with one optional field', () => {
    expect(parseMountInfoLine('15 21 254:0 / /rom ro,relatime shared:1 - squashfs /dev/root ro,errors=continue')).toEqual({
      mountId: 15,
      parentId: 21,
      major: 254,
      minor: 0,
      root: '/',
      mountPoint: '/rom',
      options: ['ro', 'relatime'],
      optionalFields: { shared: '1' },
      fsType: 'squashfs',
      source: '/dev/root',
      superOptions: ['ro', 'errors=continue'],
    });
  });

  it.each([
    ['no optional fields', '29 21 179:3 / /mnt/data rw,noatime - f2fs /dev/mmcblk0p3 rw,lazytime', {}],
    ['several optional fields', '36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 shared:7 propagate_from:2 - ext3 /dev/root rw', { master: '1', shared: '7', propagate_from: '2' }],
    ['unbindable (no value) and an unknown field', '40 1 0:50 / /x rw unbindable foo:3 - tmpfs tmpfs rw', { unbindable: '' }],
  ])('keeps the known optional fields: %s', (_n, line, fields) => {
    const m = parseMountInfoLine(line);
    expect(m?.optionalFields).toEqual(fields);
    expect(m?.fsType).toBeTruthy();
  });

  it('decodes \\040 and \\011 in the mount point, and only those (as node_exporter)', () => {
    expect(parseMountInfoLine('29 21 179:3 / /mnt/My\\040Data rw - f2fs /dev/mmcblk0p3 rw')?.mountPoint).toBe('/mnt/My Data');
    expect(parseMountInfoLine('29 21 179:3 / /mnt/a\\011b\\040c\\040d rw - vfat /dev/sdb1 rw')?.mountPoint).toBe('/mnt/a\tb c d');
    expect(parseMountInfoLine('29 21 179:3 / /mnt/back\\134slash rw - vfat /dev/sdb1 rw')?.mountPoint).toBe('/mnt/back\\134slash');
    expect(decodeMountPoint('/a\\040\\040b')).toBe('/a  b');
  });

  it('does not decode the source, and keeps super options with spaces whole', () => {
    const m = parseMountInfoLine('50 1 0:60 / /mnt/share rw - cifs //nas/My\\040Share rw,vers=3.1.1,user=guest nosuch');
    expect(m?.source).toBe('//nas/My\\040Share');
    expect(m?.superOptions).toEqual(['rw', 'vers=3.1.1', 'user=guest nosuch']);
  });

  it.each([
    ['empty', ''],
    ['no separator', '15 21 254:0 / /rom ro,relatime shared:1 squashfs /dev/root ro'],
    ['two separators', '15 21 254:0 / /rom ro - x - squashfs /dev/root ro'],
    ['too few fields before the separator', '15 21 254:0 / /rom - squashfs /dev/root ro'],
    ['too few fields after the separator', '15 21 254:0 / /rom ro - squashfs /dev/root'],
    ['bad mount id', 'x 21 254:0 / /rom ro - squashfs /dev/root ro'],
    ['bad parent id', '15 -1 254:0 / /rom ro - squashfs /dev/root ro'],
    ['bad major:minor', '15 21 nope / /rom ro - squashfs /dev/root ro'],
    ['truncated major:minor', '15 21 254: / /rom ro - squashfs /dev/root ro'],
    ['double spaces', '15  21 254:0 / /rom ro - squashfs /dev/root ro'],
  ])('rejects a malformed line: %s', (_n, line) => {
    expect(parseMountInfoLine(line)).toBeUndefined();
  });
});

describe('parseMountInfo', () => {
  it('parses the OpenWrt router fixture', () => {
    const mounts = parseMountInfo(readFileSync(join(FIXTURES, 'router/proc/1/mountinfo'), 'utf8'));
    expect(mounts.map((m) => [m.mountPoint, m.fsType, m.source])).toEqual([
      ['/rom', 'squashfs', '/dev/root'],
      ['/proc', 'proc', 'proc'],
      ['/sys', 'sysfs', 'sysfs'],
      ['/sys/fs/cgroup', 'cgroup2', 'cgroup2'],
      ['/tmp', 'tmpfs', 'tmpfs'],
      ['/overlay', 'ubifs', '/dev/ubi0_1'],
      ['/', 'overlay', 'overlayfs:/overlay'],
      ['/dev', 'tmpfs', 'tmpfs'],
      ['/dev/pts', 'devpts', 'devpts'],
      ['/sys/kernel/debug', 'debugfs', 'debugfs'],
      ['/sys/fs/bpf', 'bpf', 'none'],
      ['/sys/fs/pstore', 'pstore', 'pstore'],
      ['/tmp/run/blockd', 'autofs', 'mountd(pid2357)'],
      ['/mnt/sda1', 'ext4', '/dev/sda1'],
      ['/mnt/My Data', 'f2fs', '/dev/mmcblk0p3'],
      ['/mnt/boot', 'vfat', '/dev/mmcblk0p2'],
      ['/tmp/run/nas', 'nfs4', '192.168.1.10:/export/backup'],
      ['/mnt/sda1', 'ext4', '/dev/sda1'],
    ]);
    const boot = mounts.find((m) => m.mountPoint === '/mnt/boot');
    expect(boot).toMatchObject({ major: 179, minor: 2, options: ['ro', 'relatime'], optionalFields: { master: '20' } });
  });

  it('skips malformed and blank lines but keeps the good ones', () => {
    const text = ['garbage', '', '19 21 0:26 / /tmp rw,nosuid - tmpfs tmpfs rw', '20 21 0:27 / /overlay', '  ', '28 21 8:1 / /mnt/sda1 rw - ext4 /dev/sda1 rw'].join('\n');
    expect(parseMountInfo(text).map((m) => m.mountPoint)).toEqual(['/tmp', '/mnt/sda1']);
  });

  it('accepts an empty file (no mounts) and a file without a trailing newline', () => {
    expect(parseMountInfo('')).toEqual([]);
    expect(parseMountInfo('19 21 0:26 / /tmp rw - tmpfs tmpfs rw')).toHaveLength(1);
  });

  it('throws when no line is usable', () => {
    expect(() => parseMountInfo('this is not\na mountinfo file\n')).toThrow(/unexpected mountinfo content/);
    expect(() => parseMountInfo('/dev/sda1 /mnt/sda1 ext4 rw 0 0\n')).toThrow(/unexpected mountinfo/);
  });
});

describe('parseMountInfoStrict (procfs\'s rule, for pairing with mountstats)', () => {
  it('parses node_exporter\'s fixture line with an empty mount point field, as procfs does', () => {
    const m = parseMountInfoStrict('1 1 0:5 /  /root rw,nosuid shared:8 - rootfs rootfs rw\n');
    expect(m).toEqual([{ mountPoint: '', fsType: 'rootfs', source: 'rootfs', superOptions: ['rw'] }]);
  });

  it('reads the router\'s mounts, with the NFS server address among the super options', () => {
    const m = parseMountInfoStrict('31 19 0:33 / /tmp/run/nas rw,relatime shared:15 - nfs4 192.168.1.10:/export/backup rw,vers=4.2,addr=192.168.1.10\n');
    expect(m[0]).toMatchObject({ mountPoint: '/tmp/run/nas', fsType: 'nfs4', source: '192.168.1.10:/export/backup' });
    expect(superOptionValue(m[0] as MountSuperBlock, 'addr')).toBe('192.168.1.10');
  });

  it.each([
    ['a blank line', '21 1 0:28 / / rw - overlay o rw\n\n'],
    ['fewer than 10 fields', '21 1 0:28 / / rw - ext4 /dev/sda1\n'],
    ['no separator fourth from the end', '21 1 0:28 / / rw shared:1 ext4 /dev/sda1 rw x\n'],
    ['a mount ID that is not a number', 'x 1 0:28 / / rw shared:1 - ext4 /dev/sda1 rw\n'],
  ])('throws on %s', (_name, text) => {
    expect(() => parseMountInfoStrict(text)).toThrow(Error);
  });
});

describe('superOptionValue (procfs\'s map of super options)', () => {
  const m = (opts: string): MountSuperBlock => ({ mountPoint: '/', fsType: 'nfs', source: 'a:/', superOptions: opts.split(',') });
  it.each([
    ['rw,addr=10.0.0.1', '10.0.0.1'],
    ['rw,addr', ''],
    ['addr=a=b', 'a'],
    ['addr=1,addr=2', '2'],
    ['rw,mountaddr=10.0.0.1', undefined],
  ])('%s -> %j', (opts, value) => {
    expect(superOptionValue(m(opts), 'addr')).toBe(value);
  });
});
