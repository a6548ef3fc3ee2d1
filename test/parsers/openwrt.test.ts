import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpuinfoSystem, devicetreeString, parseBoardJsonModel, parseOpenwrtRelease } from '../../src/rootfs/openwrt.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const router = (f: string): string => readFileSync(join(FIXTURES, 'router', f), 'utf8');

describe('parseOpenwrtRelease', () => {
  it('parses the router fixture', () => {
    expect(parseOpenwrtRelease(router('etc/openwrt_release'))).toEqual({ id: 'OpenWrt', release: '24.10.2', revision: 'r28739-d9340319c6', target: 'mediatek/filogic' });
  });
  it('leaves missing fields empty', () => {
    expect(parseOpenwrtRelease("DISTRIB_ID='OpenWrt'\nDISTRIB_RELEASE='SNAPSHOT'\n")).toEqual({ id: 'OpenWrt', release: 'SNAPSHOT', revision: '', target: '' });
  });
  it.each([['empty', ''], ['garbage', 'hello world\n'], ['other variables only', 'FOO=bar\n']])('throws on %s content', (_n, text) => {
    expect(() => parseOpenwrtRelease(text)).toThrow(/DISTRIB_/);
  });
});

describe('parseBoardJsonModel', () => {
  it('reads model.id and model.name of the router board.json', () => {
    expect(parseBoardJsonModel(router('etc/board.json'))).toEqual({ id: 'bananapi,bpi-r3', name: 'Bananapi BPI-R3' });
  });
  it.each([
    ['not JSON', '{"model": '],
    ['no model', '{"network": {}}'],
    ['model not an object', '{"model": "x"}'],
    ['a JSON array', '[1, 2]'],
    ['null', 'null'],
  ])('gives {} for %s', (_n, text) => {
    expect(parseBoardJsonModel(text)).toEqual({});
  });
  it('ignores non-string fields', () => {
    expect(parseBoardJsonModel('{"model": {"id": 3, "name": "X"}}')).toEqual({ name: 'X' });
  });
});

describe('devicetreeString', () => {
  it('stops at the first NUL', () => {
    expect(devicetreeString(readFileSync(join(FIXTURES, 'router/sys/firmware/devicetree/base/model')))).toBe('Bananapi BPI-R3');
    expect(devicetreeString(Buffer.from('bananapi,bpi-r3\0mediatek,mt7986a\0'))).toBe('bananapi,bpi-r3');
    expect(devicetreeString(Buffer.from('No NUL\n'))).toBe('No NUL');
    expect(devicetreeString(Buffer.from(''))).toBe('');
  });
});

describe('cpuinfoSystem (rpcd "system")', () => {
  it('builds "ARMv8 Processor rev N" on arm64 (router fixture)', () => {
    expect(cpuinfoSystem(router('proc/cpuinfo'))).toBe('ARMv8 Processor rev 4');
  });
  it('takes "system type" on MIPS', () => {
    const mips = 'system type\t\t: MediaTek MT7621 ver:1 eco:3\nmachine\t\t\t: Xiaomi Mi Router 4A Gigabit Edition\nprocessor\t\t: 0\ncpu model\t\t: MIPS 1004Kc V2.15\n';
    expect(cpuinfoSystem(mips)).toBe('MediaTek MT7621 ver:1 eco:3');
  });
  it('takes "model name" on ARMv7 and x86, skipping numeric "processor" lines', () => {
    expect(cpuinfoSystem('processor\t: 0\nmodel name\t: ARMv7 Processor rev 5 (v7l)\nBogoMIPS\t: 48.00\n')).toBe('ARMv7 Processor rev 5 (v7l)');
    expect(cpuinfoSystem('processor\t: 0\nvendor_id\t: GenuineIntel\nmodel\t\t: 158\nmodel name\t: Intel(R) Celeron(R) J4125 CPU @ 2.00GHz\n')).toBe('Intel(R) Celeron(R) J4125 CPU @ 2.00GHz');
  });
  it('gives "" when nothing fits', () => {
    expect(cpuinfoSystem('')).toBe('');
    expect(cpuinfoSystem('processor\t: 0\nBogoMIPS : 2\n')).toBe('');
  });
});
