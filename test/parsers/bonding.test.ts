import { describe, expect, it } from 'vitest';
import { isMiiUp, parseBondingNames } from '../../src/sysfs/bonding.ts';

describe('bonding sysfs files', () => {
  it.each([
    ['bond0 dmz int\n', ['bond0', 'dmz', 'int']],
    ['lan2 lan3', ['lan2', 'lan3']],
    ['\n', []],
    ['', []],
    ['  a\t b  \n', ['a', 'b']],
  ])('parseBondingNames(%j)', (text, names) => {
    expect(parseBondingNames(text)).toEqual(names);
  });
  it.each([
    ['up\n', true],
    ['up', true],
    ['down\n', false],
    ['going back\n', false],
    ['UP\n', false],
    ['', false],
  ])('isMiiUp(%j) is %s', (text, up) => {
    expect(isMiiUp(text)).toBe(up);
  });
});
