import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clockSourceDirs, parseClockSource } from '../../src/sysfs/clocksource.ts';
import { FIXTURES } from '../helpers/scrape.ts';

describe('parseClockSource', () => {
  it('parses the router fixture (the kernel ends the list with a blank)', () => {
    const dir = join(FIXTURES, 'router/sys/devices/system/clocksource/clocksource0');
    expect(parseClockSource(readFileSync(join(dir, 'available_clocksource'), 'utf8'), readFileSync(join(dir, 'current_clocksource'), 'utf8'))).toEqual({
      available: ['arch_sys_counter', 'timer@10004000'],
      current: 'arch_sys_counter',
    });
  });
  it.each([
    ['x86', 'tsc hpet acpi_pm \n', 'tsc\n', ['tsc', 'hpet', 'acpi_pm'], 'tsc'],
    ['MIPS, a name with a blank', 'MIPS GIC \n', 'MIPS GIC\n', ['MIPS', 'GIC'], 'MIPS GIC'],
    ['empty files', '', '', [], ''],
    ['tabs and several blanks', '\tkvm-clock   tsc\t\n', '  kvm-clock \n', ['kvm-clock', 'tsc'], 'kvm-clock'],
  ])('%s', (_n, avail, cur, available, current) => {
    expect(parseClockSource(avail, cur)).toEqual({ available, current });
  });
});

describe('clockSourceDirs', () => {
  it('keeps clocksource<digit>* in byte order, as procfs\'s glob', () => {
    expect(clockSourceDirs(['clocksource2', 'power', 'clocksource10', 'clocksource0', 'clocksource', 'clocksourcex', 'clocksource1', 'uevent'])).toEqual([
      'clocksource0',
      'clocksource1',
      'clocksource10',
      'clocksource2',
    ]);
  });
});
