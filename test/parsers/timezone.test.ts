import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UTC_DATA, lookupZone, parseTzif, tzset } from '../../src/timezone.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const tzif = (name: string): Uint8Array => readFileSync(join(FIXTURES, 'tzif', name));
const at = (iso: string): number => Date.parse(iso) / 1000;

/** A version 2 TZif with no transitions, one zone and the given footer (what zic -b slim writes for fixed zones). */
function slim(abbr: string, offset: number, footer: string): Uint8Array {
  const head = (n: number[]): number[] => [...Buffer.from('TZif2'), ...new Array<number>(15).fill(0), ...n.flatMap((c) => [0, 0, 0, c])];
  const v1 = [...head([0, 0, 0, 0, 1, abbr.length + 1]), ...[0, 0, 0, 0, 0, 0], ...Buffer.from(abbr + '\0')];
  const o = Buffer.alloc(4);
  o.writeInt32BE(offset);
  const v2 = [...head([0, 0, 0, 0, 1, abbr.length + 1]), ...o, 0, 0, ...Buffer.from(abbr + '\0')];
  return Uint8Array.from([...v1, ...v2, ...Buffer.from(`\n${footer}\n`)]);
}

describe('parseTzif', () => {
  it('reads the zones, transitions and footer of a version 2+ file', () => {
    const z = parseTzif(tzif('Europe_Berlin'));
    expect(z.extend).toBe('CET-1CEST,M3.5.0,M10.5.0/3');
    expect(z.zones.map((x) => x.name)).toEqual(expect.arrayContaining(['LMT', 'CET', 'CEST', 'CEMT']));
    expect(z.transitions.length).toBeGreaterThan(100);
    expect(parseTzif(tzif('Etc_UTC'))).toEqual({ zones: [{ name: 'UTC', offset: 0, isDst: false }], transitions: [], extend: 'UTC0' });
  });
  it.each([
    ['empty', new Uint8Array()],
    ['not TZif', Uint8Array.from(Buffer.from('CET-1CEST,M3.5.0,M10.5.0/3\n'))],
    ['truncated', tzif('Europe_Berlin').subarray(0, 600)],
  ])('rejects %s data', (_n, data) => {
    expect(() => parseTzif(data)).toThrow();
  });
});

describe('lookupZone', () => {
  const berlin = parseTzif(tzif('Europe_Berlin'));
  const sydney = parseTzif(tzif('Australia_Sydney'));
  it.each([
    ['winter', '2026-01-15T12:00:00Z', 'CET', 3600],
    ['summer', '2026-07-15T12:00:00Z', 'CEST', 7200],
    ['just before DST 2026', '2026-03-29T00:59:59Z', 'CET', 3600],
    ['DST 2026', '2026-03-29T01:00:00Z', 'CEST', 7200],
    ['after the last transition, from the footer', '2040-07-01T00:00:00Z', 'CEST', 7200],
    ['footer, just before DST 2040', '2040-03-25T00:59:59Z', 'CET', 3600],
    ['footer, DST 2040', '2040-03-25T01:00:00Z', 'CEST', 7200],
    ['footer, end of DST 2040', '2040-10-28T01:00:00Z', 'CET', 3600],
    ['before the first transition', '1850-01-01T00:00:00Z', 'LMT', 3208],
  ])('Europe/Berlin %s', (_n, iso, name, offset) => {
    expect(lookupZone(berlin, at(iso))).toEqual({ name, offset });
  });
  it.each([
    ['January 2026', '2026-01-15T00:00:00Z', 'AEDT', 39600],
    ['July 2026', '2026-07-15T00:00:00Z', 'AEST', 36000],
    ['January 2040 (footer, southern hemisphere)', '2040-01-15T00:00:00Z', 'AEDT', 39600],
    ['July 2040 (footer)', '2040-07-15T00:00:00Z', 'AEST', 36000],
  ])('Australia/Sydney %s', (_n, iso, name, offset) => {
    expect(lookupZone(sydney, at(iso))).toEqual({ name, offset });
  });
  it('agrees with ICU on the offsets of Europe/Berlin, 1980 to 2045', () => {
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' });
    const icuOffset = (sec: number): number => {
      const parts = fmt.formatToParts(new Date(sec * 1000));
      const m = /GMT(?:([+-])(\d\d):(\d\d))?/.exec(parts.find((p) => p.type === 'timeZoneName')?.value ?? '');
      return m?.[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
    };
    for (let sec = at('1980-01-01T00:00:00Z'); sec < at('2045-01-01T00:00:00Z'); sec += 86400 * 7 + 3599) {
      expect(lookupZone(berlin, sec).offset, new Date(sec * 1000).toISOString()).toBe(icuOffset(sec));
    }
  });
  it('uses the footer of a file without transitions', () => {
    const z = parseTzif(slim('CET', 3600, 'CET-1CEST,M3.5.0,M10.5.0/3'));
    expect(lookupZone(z, at('2026-07-01T00:00:00Z'))).toEqual({ name: 'CEST', offset: 7200 });
    expect(lookupZone(z, at('2026-12-01T00:00:00Z'))).toEqual({ name: 'CET', offset: 3600 });
    expect(lookupZone(parseTzif(slim('XYZ', 0, '')), 0)).toEqual({ name: 'XYZ', offset: 0 });
  });
  it('is UTC for the UTC data', () => {
    expect(lookupZone(UTC_DATA, 1e9)).toEqual({ name: 'UTC', offset: 0 });
  });
});

describe('tzset (POSIX TZ strings)', () => {
  it.each([
    ['UTC0', '2026-07-01T00:00:00Z', { name: 'UTC', offset: 0, isDst: false }],
    ['<+0530>-5:30', '2026-07-01T00:00:00Z', { name: '+0530', offset: 19800, isDst: false }],
    ['NZST-12NZDT,M9.5.0,M4.1.0/3', '2026-01-10T00:00:00Z', { name: 'NZDT', offset: 46800, isDst: true }],
    ['NZST-12NZDT,M9.5.0,M4.1.0/3', '2026-06-10T00:00:00Z', { name: 'NZST', offset: 43200, isDst: false }],
    ['EST5EDT', '2026-07-01T00:00:00Z', { name: 'EDT', offset: -14400, isDst: true }],
    ['EST5EDT', '2026-01-01T00:00:00Z', { name: 'EST', offset: -18000, isDst: false }],
    ['XST3XDT,J60/0,300', '2028-02-29T12:00:00Z', { name: 'XST', offset: -10800, isDst: false }],
    ['XST3XDT,J60/0,300', '2028-03-01T12:00:00Z', { name: 'XDT', offset: -7200, isDst: true }],
    ['<-03>3<-02>,M3.5.0/-2,M10.5.0/-1', '2026-07-01T00:00:00Z', { name: '-02', offset: -7200, isDst: true }],
  ])('%s at %s', (tz, iso, zone) => {
    expect(tzset(tz, at(iso))).toEqual(zone);
  });
  it.each(['', 'AB1', 'CET', 'CET-1CEST,M3.5', 'CET-1CEST,M13.5.0,M10.5.0', 'CET-1CEST,M3.5.0', 'CET-1CEST,M3.5.0,M10.5.0x', '<CET-1'])('rejects %j', (tz) => {
    expect(tzset(tz, 0)).toBeUndefined();
  });
});
