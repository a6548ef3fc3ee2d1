import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADJTIMEX_PERL, adjtimexSyscallNumber, parseAdjtimexLine } from '../../src/syscall/adjtimex.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const fixture = (name: string): string => readFileSync(join(FIXTURES, 'adjtimex', name), 'utf8');

describe('parseAdjtimexLine', () => {
  it('reads an unsynchronised clock (TIME_ERROR, STA_UNSYNC)', () => {
    const t = parseAdjtimexLine(fixture('unsynced.txt'));
    expect(t).toEqual({
      state: 5, offset: 0, freq: 0, maxerror: 16000000, esterror: 16000000, status: 64, constant: 2, precision: 1,
      tolerance: 32768000, tick: 10000, ppsfreq: 0, jitter: 0, shift: 0, stabil: 0, jitcnt: 0, calcnt: 0, errcnt: 0,
      stbcnt: 0, tai: 0,
    });
  });
  it('reads negative offsets and frequencies', () => {
    const t = parseAdjtimexLine(fixture('synced-nano.txt'));
    expect([t.state, t.offset, t.freq, t.status, t.tai, t.calcnt]).toEqual([0, -23456, -1234567, 8193, 37, 40]);
  });
  it.each([
    ['empty', ''],
    ['truncated', '5 0 0 0 16000000'],
    ['too long', `${fixture('unsynced.txt').trim()} 7`],
    ['not a number', fixture('unsynced.txt').replace('10000', '1e4')],
  ])('rejects a %s line rather than guessing', (_, line) => {
    expect(() => parseAdjtimexLine(line)).toThrow(/expected 22 integers/);
  });
});

describe('the Perl helper', () => {
  const nr = adjtimexSyscallNumber(process.arch);
  it.skipIf(!existsSync('/usr/bin/perl') || nr === undefined)('makes the real system call on this machine and prints a line the parser takes', () => {
    const out = execFileSync('/usr/bin/perl', ['-e', ADJTIMEX_PERL, String(nr)], { encoding: 'utf8' });
    const t = parseAdjtimexLine(out);
    expect(t.state).toBeGreaterThanOrEqual(0);
    expect(t.state).toBeLessThanOrEqual(5);
    expect(t.tick).toBeGreaterThan(0);
    expect(t.tolerance).toBe(32768000); // MAXFREQ_SCALED: 500 ppm << 16, a kernel constant
  });
  it('knows the call numbers of the architectures the binaries are built for', () => {
    expect(adjtimexSyscallNumber('x64')).toBe(159);
    expect(adjtimexSyscallNumber('arm64')).toBe(171);
    expect(adjtimexSyscallNumber('sparc')).toBeUndefined();
  });
});
