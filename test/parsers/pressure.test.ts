import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePressure } from '../../src/procfs/pressure.ts';
import { FIXTURES } from '../helpers/scrape.ts';

describe('parsePressure', () => {
  it('parses the router fixture (cpu with a full line, as on Linux >= 5.13)', () => {
    expect(parsePressure(readFileSync(join(FIXTURES, 'router/proc/pressure/cpu'), 'utf8'))).toEqual({
      some: { avg10: 1.27, avg60: 0.84, avg300: 0.52, total: 48213577 },
      full: { avg10: 0, avg60: 0, avg300: 0, total: 0 },
    });
  });
  it.each([
    ['some only (cpu before 5.13)', 'some avg10=0.00 avg60=0.00 avg300=0.00 total=14036781\n', { some: { avg10: 0, avg60: 0, avg300: 0, total: 14036781 } }],
    ['full only (irq)', 'full avg10=0.31 avg60=0.22 avg300=0.19 total=6125407\n', { full: { avg10: 0.31, avg60: 0.22, avg300: 0.19, total: 6125407 } }],
    [
      'total above 2^53',
      'some avg10=99.99 avg60=10.00 avg300=1.00 total=18446744073709551615\n',
      { some: { avg10: 99.99, avg60: 10, avg300: 1, total: 18446744073709551615 } },
    ],
    ['unknown line kinds are ignored', 'most avg10=1.00 avg60=1.00 avg300=1.00 total=5\nsome avg10=0.00 avg60=0.00 avg300=0.00 total=7\n', { some: { avg10: 0, avg60: 0, avg300: 0, total: 7 } }],
    ['malformed lines are skipped', 'some avg10=x avg60=0.00 avg300=0.00 total=7\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=-3\nfull avg10=0.00 avg60=0.00 total=3\n', {}],
    ['truncated', 'some avg10=0.00 avg60=0.0', {}],
    ['empty', '', {}],
    ['garbage', '\u0000\u0001binary', {}],
  ])('%s', (_name, text, want) => {
    expect(parsePressure(text)).toEqual(want);
  });
});
