import { describe, expect, it } from 'vitest';
import { parseGoFloat, parseGoHexUint32, parseGoHexUint64, parseGoInt, parseGoInt64Base10, parseGoUint32Base10, parseGoUint64Base10, parseGoUint64Base10Exact } from '../../src/goparse.ts';

describe('parseGoInt (strconv.ParseInt(s, 0, 64))', () => {
  it.each([
    ['0', 0],
    ['1500', 1500],
    ['-1', -1],
    ['+7', 7],
    ['0x1303', 4867],
    ['0X1F', 31],
    ['0x0', 0],
    ['010', 8],
    ['00', 0],
    ['0o17', 15],
    ['0b101', 5],
    ['1_000', 1000],
    ['0x_1f', 31],
    ['9223372036854775807', 9223372036854775807],
    ['-9223372036854775808', -9223372036854775808],
  ])('%s -> %d', (s, v) => {
    expect(parseGoInt(s)).toBe(v);
  });
  it.each(['', ' 1', '1 ', '0x', '0b', '08', '0x1g', '1.5', 'abc', '--1', '_1', '1_', '1__0', '9223372036854775808', '-9223372036854775809', 'unknown'])(
    'refuses %j',
    (s) => {
      expect(parseGoInt(s)).toBeUndefined();
    },
  );
});

describe('parseGoHexUint32 (strconv.ParseUint(s, 16, 32))', () => {
  it.each([
    ['00000000', 0],
    ['0000003f', 63],
    ['f3a1b2c4', 4087460548],
    ['FFFFFFFF', 4294967295],
  ])('%s -> %d', (s, v) => {
    expect(parseGoHexUint32(s)).toBe(v);
  });
  it.each(['', '100000000', '0x10', '-1', '+1', 'g', '1 '])('refuses %j', (s) => {
    expect(parseGoHexUint32(s)).toBeUndefined();
  });
});

describe('parseGoFloat', () => {
  it.each([
    ['0', 0],
    ['-1', -1],
    ['6286396970', 6286396970],
    ['9007199254740993', 9007199254740992],
    ['1.5e3', 1500],
    ['.5', 0.5],
    ['NaN', NaN],
    ['nan', NaN],
    ['Inf', Infinity],
    ['+infinity', Infinity],
    ['-Inf', -Infinity],
  ])('%s -> %d', (s, v) => {
    expect(parseGoFloat(s)).toBe(v);
  });
  // Go: no surrounding space, no underscores without a base prefix, a hex mantissa needs a p exponent.
  it.each(['', '1e999', '0x10', '1,5', '12abc', ' 1', '1_000', 'infinit', '+nan'])('refuses %j', (s) => {
    expect(parseGoFloat(s)).toBeUndefined();
  });
});

describe('parseGoInt64Base10 (strconv.ParseInt(s, 10, 64))', () => {
  it.each([
    ['0', 0],
    ['-273150', -273150],
    ['+5', 5],
    ['007', 7],
    ['9223372036854775807', 9223372036854775807],
    ['-9223372036854775808', -9223372036854775808],
  ])('%s -> %d', (s, v) => {
    expect(parseGoInt64Base10(s)).toBe(v);
  });
  it.each(['', '0x1f', '1_000', '1.5', ' 1', '9223372036854775808', '-9223372036854775809', 'N/A'])('refuses %j', (s) => {
    expect(parseGoInt64Base10(s)).toBeUndefined();
  });
});

describe('parseGoHexUint64 (strconv.ParseUint(s, 16, 64))', () => {
  it.each([
    ['00000014', 20],
    ['000000ff', 255],
    ['FFFFFFFFFFFFFFFF', 18446744073709551615],
    ['0000000100000000', 4294967296],
  ])('%s -> %d', (s, v) => {
    expect(parseGoHexUint64(s)).toBe(v);
  });
  it.each(['', '10000000000000000', '0x10', '-1', '+1', 'g', '1 ', '1_0'])('refuses %j', (s) => {
    expect(parseGoHexUint64(s)).toBeUndefined();
  });
});

describe('parseGoUint64Base10 (strconv.ParseUint(s, 10, 64))', () => {
  it.each([
    ['0', 0],
    ['007', 7],
    ['18446744073709551615', 18446744073709551615],
    ['11299659571772285102', 11299659571772285102],
    ['18446744073709551616', undefined],
    ['-1', undefined],
    ['+1', undefined],
    [' 1', undefined],
    ['1_000', undefined],
    ['0x10', undefined],
    ['', undefined],
  ])('%j', (s, want) => {
    expect(parseGoUint64Base10(s)).toBe(want);
  });
  it('keeps exact values for names', () => {
    expect(parseGoUint64Base10Exact('18446744073709551615')).toBe(18446744073709551615n);
    expect(parseGoUint64Base10Exact('18446744073709551616')).toBeUndefined();
  });
});

describe('parseGoUint32Base10 (strconv.ParseUint(s, 10, 32))', () => {
  it.each([
    ['0', 0],
    ['4294967295', 4294967295],
  ])('%s -> %d', (s, v) => {
    expect(parseGoUint32Base10(s)).toBe(v);
  });
  it.each(['', '+5', '-1', '4294967296', '1e3', '0x10'])('refuses %j', (s) => {
    expect(parseGoUint32Base10(s)).toBeUndefined();
  });
});
