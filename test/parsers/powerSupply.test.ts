import { describe, expect, it } from 'vitest';
import { parseGoInt } from '../../src/goparse.ts';
import { toValidUtf8 } from '../../src/gostrings.ts';
import { parsePowerSupply } from '../../src/sysfs/powerSupply.ts';

describe('parseGoInt (strconv.ParseInt(s, 0, 64))', () => {
  it.each([
    ['0', 0],
    ['81', 81],
    ['-1500000', -1500000],
    ['+7', 7],
    ['0x1f', 31],
    ['0X1F', 31],
    ['017', 15],
    ['0o17', 15],
    ['0b101', 5],
    ['9223372036854775807', 9223372036854775807],
    ['-9223372036854775808', -9223372036854775808],
    // Go's ParseInt with base 0 takes underscores between digits (prometheus/procfs's ValueParser).
    ['1_000', 1000],
  ])('parses %j', (text, value) => {
    expect(parseGoInt(text)).toBe(value);
  });
  it.each([[''], ['08'], ['1e3'], [' 1'], ['1.5'], ['0x'], ['Unknown'], ['9223372036854775808'], ['1__0']])('rejects %j', (text) => {
    expect(parseGoInt(text)).toBeUndefined();
  });
});

describe('parsePowerSupply', () => {
  it('keeps known attributes, numbers that parse and non-empty texts', () => {
    const attrs = new Map([
      ['type', 'Battery'],
      ['status', 'Discharging'],
      ['capacity', '81'],
      ['voltage_now', '11660000'],
      ['temp', '-52'],
      ['current_now', 'N/A'], // a driver's placeholder: absent
      ['manufacturer', ''], // empty: no label
      ['uevent', 'POWER_SUPPLY_NAME=BAT0'], // not an attribute the collector reads
      ['charge_start_threshold', '75'],
    ]);
    const s = parsePowerSupply('BAT0', attrs);
    expect(s.name).toBe('BAT0');
    expect(Object.fromEntries(s.numbers)).toEqual({ capacity: 81, voltage_now: 11660000, temp: -52 });
    expect(Object.fromEntries(s.texts)).toEqual({ type: 'Battery', status: 'Discharging' });
  });
});

describe('toValidUtf8 (strings.ToValidUTF8 with U+FFFD)', () => {
  it.each([
    ['ASCII', [0x4c, 0x47, 0x43], 'LGC'],
    ['valid multi-byte', [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x94, 0x8b], 'é€🔋'],
    ['a real U+FFFD twice, kept', [0x41, 0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd], 'A\uFFFD\uFFFD'],
    ['a run of invalid bytes, one U+FFFD', [0x41, 0xff, 0xfe, 0x80, 0x42], 'A\uFFFDB'],
    ['a truncated sequence at the end', [0x41, 0xe2, 0x82], 'A\uFFFD'],
    ['an overlong encoding', [0xc0, 0xaf], '\uFFFD'],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], '\uFFFD'],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], '\uFFFD'],
  ])('handles %s', (_name, bytes, expected) => {
    expect(toValidUtf8(Uint8Array.from(bytes))).toBe(expected);
  });
});
