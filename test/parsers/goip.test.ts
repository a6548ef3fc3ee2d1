import { describe, expect, it } from 'vitest';
import { formatGoIP, parseIPv6Groups } from '../../src/goip.ts';

const v6 = (s: string): Uint8Array => {
  const b = parseIPv6Groups(s);
  if (b === undefined) throw new Error(`not an address: ${s}`);
  return b;
};

describe('formatGoIP (net.IP.String)', () => {
  it.each([
    ['0000:0000:0000:0000:0000:0000:0000:0000', '::'],
    ['0000:0000:0000:0000:0000:0000:0000:0001', '::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:0DB8:0000:0001:0000:0000:0000:0001', '2001:db8:0:1::1'],
    // Equal runs: the first is shortened.
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
    // A single zero group is never "::".
    ['2001:0db8:0000:0001:0001:0001:0001:0001', '2001:db8:0:1:1:1:1:1'],
    ['fe80:0000:0000:0000:0000:0000:0000:0000', 'fe80::'],
    // IPv4-mapped: a dotted quad, as Go prints it.
    ['0000:0000:0000:0000:0000:ffff:c0a8:0016', '192.168.0.22'],
    // IPv4-compatible (deprecated) is not mapped.
    ['0000:0000:0000:0000:0000:0000:c0a8:0016', '::c0a8:16'],
  ])('%s -> %s', (s, want) => {
    expect(formatGoIP(v6(s))).toBe(want);
  });
  it('prints IPv4 as a dotted quad', () => {
    expect(formatGoIP(Uint8Array.of(192, 168, 0, 22))).toBe('192.168.0.22');
  });
  it.each(['', '::1', '2001:db8::1', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7:12345', '::ffff:1.2.3.4', 'g:0:0:0:0:0:0:0'])('parseIPv6Groups refuses %j', (s) => {
    expect(parseIPv6Groups(s)).toBeUndefined();
  });
});
