// The storage readers (md, bcachefs, NVMe, DM-multipath) on the router fixture, and the two reads that
// go off the event loop (bcachefs compression_stats, NVMe nuse): a stuck one fails the read at the
// deadline, and is not issued again while it is pending.
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBcachefs } from '../../src/kernel/bcachefs.ts';
import { BlockingReader } from '../../src/kernel/blockingRead.ts';
import { readDmMultipathDevices } from '../../src/kernel/dmMultipath.ts';
import { createKernelFs } from '../../src/kernel/kernelFs.ts';
import { readMdraids } from '../../src/kernel/mdraid.ts';
import { readNvmeControllers, readNvmeSubsystems } from '../../src/kernel/nvme.ts';
import { StuckReadError } from '../../src/kernel/readErrors.ts';
import { FIXTURES } from '../helpers/scrape.ts';
import { routerWithStuckAttribute } from '../helpers/router.ts';

const router = join(FIXTURES, 'router');
const kfsOf = (root: string) => createKernelFs({ procfs: join(root, 'proc'), sysfs: join(root, 'sys'), rootfs: root }, new BlockingReader({ slots: 2, maxKept: 64 }));
const later = () => performance.now() + 5000;
const tmp = mkdtempSync(join(tmpdir(), 'lte-storage-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('storage readers on the router fixture', () => {
  it('md: the RAID1 array', () => {
    expect(readMdraids(kfsOf(router))).toEqual([{ device: 'md0', level: 'raid1', disks: 2, degraded: 0 }]);
  });
  it('bcachefs: one filesystem on one device', async () => {
    const [fs, ...rest] = await readBcachefs(kfsOf(router), later());
    expect(rest).toEqual([]);
    expect(fs?.uuid).toBe('3f6b2a1e-8c4d-4e7a-9b15-0d2c7e9f4a61');
    expect(fs?.counters.size).toBe(10);
    expect(fs?.devices.map((d) => [d.device, d.label, d.state, d.bucketSizeBytes, d.buckets])).toEqual([['0', 'nvme', '[rw] ro evacuating spare', 524288, 1907712]]);
  });
  it('nvme: one controller, one namespace; the subsystem has no iopolicy (no NVMe multipath)', async () => {
    const [c] = await readNvmeControllers(kfsOf(router), later());
    expect(c?.namespaces).toEqual([{ id: '1', anaState: 'unknown', usedBytes: 1000204886016, sizeBytes: 1000204886016, logicalBlockSize: 512 }]);
    expect(() => readNvmeSubsystems(kfsOf(router))).toThrow(/ENOENT.*iopolicy/);
  });
  it('dm: the LUKS mapping is not a multipath device', () => {
    expect(readDmMultipathDevices(kfsOf(router))).toEqual([]);
  });
});

describe('a stuck storage attribute fails the read at the deadline', () => {
  it.each([
    ['bcachefs compression_stats', 'fs/bcachefs/3f6b2a1e-8c4d-4e7a-9b15-0d2c7e9f4a61/compression_stats', (kfs: ReturnType<typeof kfsOf>, d: number) => readBcachefs(kfs, d)],
    ['nvme nuse', 'devices/pci0000:00/0000:00:1c.0/0000:01:00.0/nvme/nvme0/nvme0n1/nuse', (kfs: ReturnType<typeof kfsOf>, d: number) => readNvmeControllers(kfs, d)],
  ] as const)('%s', async (name, rel, read) => {
    const root = join(tmp, name.replace(/ /g, '-'));
    const pipe = routerWithStuckAttribute(root, rel);
    const kfs = kfsOf(root);
    const t0 = performance.now();
    const err = await read(kfs, performance.now() + 200).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(StuckReadError);
    expect(performance.now() - t0).toBeLessThan(1500);
    // Not issued again while pending: the next read fails at once.
    const t1 = performance.now();
    expect(await read(kfs, performance.now() + 2000).then(() => undefined, (e: unknown) => e)).toBeInstanceOf(StuckReadError);
    expect(performance.now() - t1).toBeLessThan(1000);
    expect(kfs.pendingReads).toBe(1);
    const fd = openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK);
    writeSync(fd, '1\n');
    closeSync(fd);
    for (let i = 0; i < 100 && kfs.pendingReads > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(kfs.pendingReads).toBe(0);
  });
});
