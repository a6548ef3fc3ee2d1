import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNetDev } from '../../src/procfs/netDev.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const HEADER =
  'Inter-|   Receive                                                |  Transmit\n' +
  ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n';

/** A record whose 16 counters are 1..16 in file order, to catch a column mix-up. */
function counting(name: string) {
  return {
    name,
    rxBytes: 1,
    rxPackets: 2,
    rxErrors: 3,
    rxDropped: 4,
    rxFifo: 5,
    rxFrame: 6,
    rxCompressed: 7,
    rxMulticast: 8,
    txBytes: 9,
    txPackets: 10,
    txErrors: 11,
    txDropped: 12,
    txFifo: 13,
    txCollisions: 14,
    txCarrier: 15,
    txCompressed: 16,
  };
}
const ONE_TO_16 = '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16';

describe('parseNetDev', () => {
  it('parses the router fixture (kernel 6.6 format)', () => {
    const devs = parseNetDev(readFileSync(join(FIXTURES, 'router/proc/net/dev'), 'utf8'));
    expect(devs.map((d) => d.name)).toEqual(['lo', 'eth0', 'lan1', 'br-lan', 'eth0.2', 'br-lan.10', 'pppoe-wan', 'wg0', 'phy0-ap0', 'lan2', 'lan3', 'bond0']);
    const lan1 = devs.find((d) => d.name === 'lan1');
    expect(lan1).toEqual({
      name: 'lan1',
      rxBytes: 7345120981,
      rxPackets: 9812345,
      rxErrors: 3,
      rxDropped: 4,
      rxFifo: 1,
      rxFrame: 6,
      rxCompressed: 0,
      rxMulticast: 21877,
      txBytes: 61234987012,
      txPackets: 43876512,
      txErrors: 2,
      txDropped: 9,
      txFifo: 1,
      txCollisions: 3,
      txCarrier: 5,
      txCompressed: 0,
    });
    // Above 2^32: exact. Above 2^53: the nearest double (2^64 - 3 rounds to 2^64).
    expect(devs.find((d) => d.name === 'wg0')?.rxBytes).toBe(4294967297);
    expect(devs.find((d) => d.name === 'phy0-ap0')?.rxDropped).toBe(18446744073709551616);
    expect(devs.find((d) => d.name === 'pppoe-wan')?.txCompressed).toBe(9);
  });

  it.each([
    ['modern format', `  eth0: ${ONE_TO_16}`, 'eth0'],
    ['old "%6s:%8llu" format, number touching the colon', `  eth0:${ONE_TO_16}`, 'eth0'],
    ['long name touching the colon', `br-lan.10:${ONE_TO_16}`, 'br-lan.10'],
    ['VLAN on a PPPoE device', `pppoe-wan.7: ${ONE_TO_16}`, 'pppoe-wan.7'],
    ['DSA user port', `  lan1: ${ONE_TO_16}`, 'lan1'],
    ['tabs and CR', `\twg0:\t${ONE_TO_16.replaceAll(' ', '\t')}\r`, 'wg0'],
    ['extra trailing counters are ignored', `  eth1: ${ONE_TO_16} 17 18`, 'eth1'],
  ])('reads the %s', (_n, line, name) => {
    expect(parseNetDev(HEADER + line + '\n')).toEqual([counting(name)]);
  });

  it('rounds 64-bit counters above 2^53 to the nearest double', () => {
    const [d] = parseNetDev(`${HEADER}  eth0: 9007199254740993 18446744073709551615 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n`);
    expect(d?.rxBytes).toBe(9007199254740992);
    expect(d?.rxPackets).toBe(18446744073709551616);
  });

  it.each([
    ['15 counters', '  eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15'],
    ['a non-numeric counter', '  eth0: 1 2 3 x 5 6 7 8 9 10 11 12 13 14 15 16'],
    ['a negative counter', '  eth0: 1 2 3 -4 5 6 7 8 9 10 11 12 13 14 15 16'],
    ['no name', `   : ${ONE_TO_16}`],
    ['a name with a space', `my if: ${ONE_TO_16}`],
    ['no colon', `  eth0 ${ONE_TO_16}`],
    ['the old "No statistics available." line', '  dummy: No statistics available.'],
  ])('skips a line with %s and keeps the others', (_n, line) => {
    expect(parseNetDev(`${HEADER}${line}\n    lo: ${ONE_TO_16}\n`)).toEqual([counting('lo')]);
  });

  it('returns nothing for a header without interfaces', () => {
    expect(parseNetDev(HEADER)).toEqual([]);
  });

  it('keeps the last line of a name that appears twice', () => {
    const devs = parseNetDev(`${HEADER}  eth0: 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n  eth0: ${ONE_TO_16}\n`);
    expect(devs).toEqual([counting('eth0')]);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'not /proc/net/dev at all\n'],
    ['a truncated header', 'Inter-'],
  ])('throws on %s input', (_n, text) => {
    expect(() => parseNetDev(text)).toThrow(/unexpected net\/dev/);
  });
});
