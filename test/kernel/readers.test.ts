// The class readers on fixture trees: what they return, what they skip, and that a stuck attribute
// (a named pipe) fails the read at the deadline instead of being skipped like an unreadable one.
import { closeSync, constants, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlockingReader } from '../../src/kernel/blockingRead.ts';
import { HwmonReader } from '../../src/kernel/hwmon.ts';
import { createKernelFs } from '../../src/kernel/kernelFs.ts';
import { netClassInterfaces, readNetClassIface } from '../../src/kernel/netClass.ts';
import { powerSupplyNames, readPowerSupply } from '../../src/kernel/powerSupply.ts';
import { StuckReadError, classifyReadError, descriptorGone } from '../../src/kernel/readErrors.ts';
import { readPciDevice } from '../../src/kernel/pciDevice.ts';
import { readCoolingDevices, readThermalZones } from '../../src/kernel/thermal.ts';
import { readWatchdog } from '../../src/kernel/watchdog.ts';
import { CONFORMANCE, FIXTURES } from '../helpers/scrape.ts';
import { routerWithStuckAttribute } from '../helpers/router.ts';

const router = join(FIXTURES, 'router');
const kfsOf = (root: string) => createKernelFs({ procfs: join(root, 'proc'), sysfs: join(root, 'sys'), rootfs: root }, new BlockingReader({ slots: 2, maxKept: 64 }));
const later = () => performance.now() + 5000;
const texts = <N extends string>(attrs: Record<N, { ok: boolean; text?: string; err?: unknown }>) =>
  Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, (v as { ok: boolean; text?: string; err?: unknown }).ok ? (v as { text: string }).text : classifyReadError((v as { err: unknown }).err)]));

const tmp = mkdtempSync(join(tmpdir(), 'lte-readers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('read errors of a kept descriptor', () => {
  it('drops it only when the file or its device went away; other errors are the attribute\'s answer for now', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(['ENODEV', 'ENXIO', 'EBADF', 'ESTALE'].map((c) => descriptorGone(err(c)))).toEqual([true, true, true, true]);
    expect(['EINVAL', 'EAGAIN', 'ENODATA', 'EIO', 'EISDIR', 'EACCES'].map((c) => descriptorGone(err(c)))).toEqual([false, false, false, false, false, false]);
    expect(descriptorGone(new StuckReadError('/sys/x'))).toBe(false);
    expect(descriptorGone('ENODEV')).toBe(false);
  });
});

describe('thermal reader', () => {
  it('reads every zone and cooling device of the router fixture; an unreadable temp is an error value, not a throw', async () => {
    const kfs = kfsOf(router);
    const zones = await readThermalZones(kfs, later());
    expect(zones.map((z) => [z.entry, z.number, texts(z.attrs)])).toEqual([
      ['thermal_zone0', '0', { type: 'cpu-thermal', policy: 'step_wise', temp: '52300' }],
      ['thermal_zone1', '1', { type: 'ambient-thermal', policy: 'step_wise', temp: '-7250' }],
      ['thermal_zone2', '2', { type: 'ddr-thermal', policy: 'step_wise', temp: 'skip' }],
    ]);
    const cooling = await readCoolingDevices(kfs, later());
    expect(cooling.map((c) => c.entry)).toEqual(['cooling_device0', 'cooling_device1', 'cooling_device2']);
  });

  it('no /sys/class/thermal: no zones', async () => {
    expect(await readThermalZones(kfsOf(join(FIXTURES, 'empty')), later())).toEqual([]);
  });
});

describe('hwmon reader', () => {
  it('labels the chips of the router fixture and reads their sensor values', async () => {
    const kfs = kfsOf(router);
    const r = new HwmonReader(kfs);
    const chips = r.chips();
    expect(chips.map((c) => [c.chip.entry, c.label])).toEqual([
      ['hwmon0', 'thermal_thermal_zone0'],
      ['hwmon1', 'ieee80211_phy0'],
      ['hwmon2', 'ieee80211_phy1'],
      ['hwmon3', '0000:00:00_0_0000:01:00_0'],
      ['hwmon4', 'platform_pwm_fan'],
      ['hwmon5', 'platform_sfp1'],
    ]);
    const wifi = chips.find((c) => c.chip.entry === 'hwmon1');
    expect(wifi?.chip.humanName).toBe('mt7915_phy0');
    const data = await r.values(wifi!.chip, later());
    expect(data.get('temp1')?.get('input')).toBe('47000');
    // The chip list and each directory's files are cached while the links stay the same.
    expect(r.chips().map((c) => c.label)).toEqual(chips.map((c) => c.label));
  });

  it('throws NoDataError without /sys/class/hwmon', () => {
    expect(() => new HwmonReader(kfsOf(join(FIXTURES, 'empty'))).chips()).toThrow(/not available/);
  });
});

describe('net class reader', () => {
  it('lists the interfaces and reads their attributes, speed and duplex included', async () => {
    const kfs = kfsOf(router);
    const names = netClassInterfaces(kfs);
    expect(names).toContain('eth0');
    const eth0 = await readNetClassIface(kfs, 'eth0', later());
    expect(eth0?.get('speed')).toMatch(/^-?\d+$/);
    expect(eth0?.get('operstate')).toBeDefined();
    expect(await readNetClassIface(kfs, 'gone0', later())).toBeUndefined();
  });
});

describe.skipIf(!existsSync(CONFORMANCE))('power supply reader (node_exporter fixtures in ../shared)', () => {
  it('reads the known attributes of each supply', async () => {
    const kfs = kfsOf(CONFORMANCE);
    expect(powerSupplyNames(kfs)).toEqual(['AC', 'BAT0']);
    const bat = await readPowerSupply(kfs, 'BAT0', later());
    expect(bat?.get('type')).toBe('Battery');
  });
});
if (!existsSync(CONFORMANCE)) console.warn(`SKIPPING the power supply reader test: ${CONFORMANCE} is missing`);

describe('a stuck attribute fails the class read at the deadline', () => {
  it.each([
    ['thermal', 'devices/virtual/thermal/thermal_zone0/temp', (kfs: ReturnType<typeof kfsOf>, d: number) => readThermalZones(kfs, d)],
    ['netclass', 'devices/platform/soc/15100000.ethernet/net/eth0/speed', (kfs: ReturnType<typeof kfsOf>, d: number) => readNetClassIface(kfs, 'eth0', d)],
    ['watchdog', 'devices/pci0000:00/0000:00:1f.4/iTCO_wdt.1.auto/watchdog/watchdog0/timeleft', (kfs: ReturnType<typeof kfsOf>, d: number) => readWatchdog(kfs, 'watchdog0', d)],
    ['pcidevice', 'devices/pci0000:00/0000:00:1c.0/0000:01:00.0/current_link_speed', (kfs: ReturnType<typeof kfsOf>, d: number) => readPciDevice(kfs, '0000:01:00.0', d)],
    [
      'hwmon',
      'devices/platform/soc/18000000.wifi/ieee80211/phy0/hwmon1/temp1_input',
      async (kfs: ReturnType<typeof kfsOf>, d: number) => {
        const r = new HwmonReader(kfs);
        return Promise.all(r.chips().map((c) => r.values(c.chip, d)));
      },
    ],
  ] as const)('%s', async (name, rel, read) => {
    const root = join(tmp, name);
    const pipe = routerWithStuckAttribute(root, rel);
    const kfs = kfsOf(root);
    const t0 = performance.now();
    const err = await read(kfs, performance.now() + 200).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(StuckReadError);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(kfs.pendingReads).toBe(1);
    // Release the thread that waits in open(2).
    const fd = openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK);
    writeSync(fd, '1\n');
    closeSync(fd);
    for (let i = 0; i < 100 && kfs.pendingReads > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(kfs.pendingReads).toBe(0);
  });
});
