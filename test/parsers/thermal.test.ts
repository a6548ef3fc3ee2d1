import { describe, expect, it } from 'vitest';
import { coolingDeviceNumber, parseCoolingDevice, parseInt64, parseThermalZone, thermalZoneNumber } from '../../src/sysfs/thermal.ts';

describe('parseInt64', () => {
  it.each([
    ['52300', 52300],
    ['-7250', -7250],
    ['+1', 1],
    ['0', 0],
    ['-1', -1],
    ['9223372036854775807', 9223372036854775807],
    ['-9223372036854775808', -9223372036854775808],
  ])('%j -> %d', (text, want) => {
    expect(parseInt64(text, 'temp')).toBe(want);
  });
  it.each(['', ' 1', '52.3', '1e3', 'abc', '0x10', '9223372036854775808', '-9223372036854775809', '--1', '1 2'])('rejects %j', (text) => {
    expect(() => parseInt64(text, 'thermal_zone0/temp')).toThrow(/thermal_zone0\/temp: (not an integer|out of range)/);
  });
});

describe('directory names', () => {
  it.each([
    ['thermal_zone0', '0'],
    ['thermal_zone12', '12'],
    ['thermal_zone1x', '1x'],
    ['thermal_zone', undefined],
    ['thermal_zonex', undefined],
    ['cooling_device0', undefined],
  ])('thermalZoneNumber(%s)', (entry, want) => {
    expect(thermalZoneNumber(entry)).toBe(want);
  });
  it.each([
    ['cooling_device0', '0'],
    ['cooling_device10', '10'],
    ['cooling_device', undefined],
    ['thermal_zone0', undefined],
  ])('coolingDeviceNumber(%s)', (entry, want) => {
    expect(coolingDeviceNumber(entry)).toBe(want);
  });
});

describe('parseThermalZone / parseCoolingDevice', () => {
  it('parses a zone, negative temperatures included', () => {
    expect(parseThermalZone('1', { type: 'ambient-thermal', policy: 'step_wise', temp: '-7250' })).toEqual({
      zone: '1',
      type: 'ambient-thermal',
      policy: 'step_wise',
      tempMillicelsius: -7250,
    });
  });
  it('rejects a zone whose temperature is garbage', () => {
    expect(() => parseThermalZone('2', { type: 'ddr-thermal', policy: 'step_wise', temp: 'N/A' })).toThrow(/thermal_zone2\/temp: not an integer/);
  });
  it('parses a cooling device, cur_state -1 included', () => {
    expect(parseCoolingDevice('3', { type: 'intel_powerclamp', maxState: '50', curState: '-1' })).toEqual({ name: '3', type: 'intel_powerclamp', maxState: 50, curState: -1 });
  });
  it.each([
    [{ type: 'Fan', maxState: '', curState: '0' }, /cooling_device0\/max_state/],
    [{ type: 'Fan', maxState: '3', curState: 'x' }, /cooling_device0\/cur_state/],
  ])('rejects a cooling device with unusable states', (attrs, want) => {
    expect(() => parseCoolingDevice('0', attrs)).toThrow(want);
  });
});
