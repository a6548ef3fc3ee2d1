import { describe, expect, it } from 'vitest';
import { cpuDirs, parseCpufreq } from '../../src/sysfs/cpufreq.ts';

describe('cpuDirs', () => {
  it('keeps cpuN directories in Go sort order and drops the rest', () => {
    expect(cpuDirs(['cpu2', 'cpufreq', 'cpu10', 'cpuidle', 'cpu0', 'isolated', 'online', 'cpu1', 'hotplug'])).toEqual(['cpu0', 'cpu1', 'cpu10', 'cpu2']);
  });
});

describe('parseCpufreq', () => {
  it('parses a full cpufreq directory (kHz as given, governors split on single spaces)', () => {
    expect(
      parseCpufreq('0', {
        cpuinfo_cur_freq: '1300000',
        cpuinfo_min_freq: '1300000',
        cpuinfo_max_freq: '2000000',
        scaling_cur_freq: '1500000',
        scaling_min_freq: '1300000',
        scaling_max_freq: '2000000',
        scaling_governor: 'schedutil',
        scaling_available_governors: 'ondemand userspace performance schedutil',
      }),
    ).toEqual({
      cpu: '0',
      cpuinfoCurKhz: 1300000,
      cpuinfoMinKhz: 1300000,
      cpuinfoMaxKhz: 2000000,
      scalingCurKhz: 1500000,
      scalingMinKhz: 1300000,
      scalingMaxKhz: 2000000,
      governor: 'schedutil',
      availableGovernors: ['ondemand', 'userspace', 'performance', 'schedutil'],
    });
  });
  it.each([
    ['missing (cpuinfo_cur_freq unreadable without root)', undefined],
    ['"<unknown>" (a driver that cannot tell)', '<unknown>'],
    ['negative', '-1'],
    ['empty', ''],
    ['above 2^64', '18446744073709551616'],
  ])('leaves out a frequency that is %s', (_name, value) => {
    expect(parseCpufreq('3', { cpuinfo_cur_freq: value, scaling_cur_freq: '600000' })).toMatchObject({ cpuinfoCurKhz: undefined, scalingCurKhz: 600000 });
  });
  it('has no governor when scaling_governor is missing', () => {
    expect(parseCpufreq('1', { scaling_available_governors: 'performance powersave' })).toMatchObject({ governor: '', availableGovernors: ['performance', 'powersave'] });
  });
});
