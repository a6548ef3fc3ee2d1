import { describe, expect, it } from 'vitest';
import { parseSysctlInts, parseSysctlUint } from '../../src/procfs/sysctlValue.ts';

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

describe('parseSysctlInts (procfs SysctlInts: fields in Go base-0 syntax)', () => {
  it.each([
    ['1024\t0\t1631329\n', [1024, 0, 1631329]],
    ['7801\n', [7801]],
    ['4096\t87380\t6291456', [4096, 87380, 6291456]],
    ['-1\n', [-1]],
    ['0x10 010 0b11\n', [16, 8, 3]],
    ['', []],
  ])('parses %j', (text, want) => {
    expect(parseSysctlInts(text, 'x')).toEqual(want);
  });
  it.each([
    ['text', 'kill_process kill_thread\n'],
    ['float', '1.5\n'],
    ['above int64', '9223372036854775808\n'],
    ['one bad field', '1 2 x\n'],
  ])('rejects %s', (_name, text) => {
    expect(() => parseSysctlInts(text, 'net.core.x')).toThrow(/in sysctl net\.core\.x is not a valid int/);
  });
});
