import { describe, expect, it } from 'vitest';
import { isMultipathUuid, isPathActive, parseSysfsUint } from '../../src/sysfs/dmMultipath.ts';

describe('dm-multipath attributes', () => {
  it.each([
    ['mpath-3600508b1001c1234567890abcdef1234', true],
    ['CRYPT-LUKS2-5d3f-nasdata', false],
    ['LVM-abc', false],
    ['', false],
  ])('uuid %j is multipath: %s', (uuid, want) => {
    expect(isMultipathUuid(uuid)).toBe(want);
  });
  it.each([
    ['running', true],
    ['live', true],
    ['offline', false],
    ['blocked', false],
    ['Running', false],
  ])('state %j is active: %s', (state, want) => {
    expect(isPathActive(state)).toBe(want);
  });
  it.each([
    ['104857600\n', 104857600],
    [' 1 ', 1],
    ['', undefined],
    ['-1', undefined],
    ['1.5', undefined],
  ])('uint %j', (text, want) => {
    expect(parseSysfsUint(text)).toBe(want);
  });
});
