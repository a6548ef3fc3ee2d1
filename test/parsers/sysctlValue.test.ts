import { describe, expect, it } from 'vitest';
import { parseSysctlUint } from '../../src/procfs/sysctlValue.ts';

describe('parseSysctlUint', () => {
  it.each([
    ['123\n', 123],
    ['  65536  \n', 65536],
    ['0', 0],
    ['4294967296\n', 4294967296],
    // above 2^53: float64 rounding, as Go's float64(uint64)
    ['9007199254740993\n', 9007199254740992],
    ['18446744073709551615\n', 18446744073709551615],
  ])('parses %j', (text, want) => {
    expect(parseSysctlUint(text, 'x')).toBe(want);
  });
  it.each([
    ['empty', ''],
    ['negative', '-1\n'],
    ['signed', '+5\n'],
    ['float', '1.5\n'],
    ['two values', '1 2\n'],
    ['hex', '0x10\n'],
    ['garbage', 'abc\n'],
    ['above u64', '18446744073709551616\n'],
  ])('rejects %s', (_name, text) => {
    expect(() => parseSysctlUint(text, 'nf_conntrack_count')).toThrow(/unexpected nf_conntrack_count content/);
  });
});
