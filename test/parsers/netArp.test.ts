import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNetArp } from '../../src/procfs/netArp.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const HEADER = 'IP address       HW type     Flags       HW address            Mask     Device\n';

describe('parseNetArp', () => {
  it('parses the router fixture, incomplete and permanent entries included', () => {
    const entries = parseNetArp(readFileSync(join(FIXTURES, 'router/proc/net/arp'), 'utf8'));
    expect(entries.map((e) => e.device)).toEqual(['br-lan', 'br-lan', 'br-lan', 'br-lan', 'br-lan', 'br-lan.10', 'br-lan.10', 'eth0.2']);
    expect(entries[0]).toEqual({ ip: '192.168.1.100', hwType: 1, flags: 2, hwAddr: '3c:22:fb:12:34:56', device: 'br-lan' });
    expect(entries[3]).toMatchObject({ ip: '192.168.1.87', flags: 0, hwAddr: '00:00:00:00:00:00' });
    expect(entries[4]).toMatchObject({ ip: '192.168.1.2', flags: 6 });
  });
  it('returns no entries for an empty table (only the header)', () => {
    expect(parseNetArp(HEADER)).toEqual([]);
  });
  it('accepts the 20-byte hardware address of an IPoIB neighbour', () => {
    const mac = '80:00:00:48:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0a:3b:c1';
    expect(parseNetArp(`${HEADER}10.1.0.2    0x20        0x2         ${mac}     *        ib0\n`)).toEqual([{ ip: '10.1.0.2', hwType: 32, flags: 2, hwAddr: mac, device: 'ib0' }]);
  });
  it('skips malformed lines and keeps the others', () => {
    const text = [
      HEADER.trimEnd(),
      '192.168.1.5    0x1    0x2    aa:bb:cc:dd:ee:ff    *    br-lan',
      '192.168.1.6    0x1    0x2    aa:bb:cc:dd:ee    *    br-lan', // short MAC
      '192.168.1.7    1      0x2    aa:bb:cc:dd:ee:01    *    br-lan', // HW type not hex
      '192.168.1.8    0x1    0x2    aa:bb:cc:dd:ee:02    *', // device missing
      '192.168.1.9    0x1    0x2    aa:bb:cc:dd:ee:03    *    br-lan    extra',
      '192.168.1.10   0x1    0x2    aa:bb:cc:dd:ee:04    *    lan1',
    ].join('\n');
    expect(parseNetArp(text).map((e) => e.ip)).toEqual(['192.168.1.5', '192.168.1.10']);
  });
  it.each([
    ['garbage', 'not an arp table\n'],
    ['binary', '\u0000\u0000\u0000'],
  ])('rejects %s input', (_name, text) => {
    expect(() => parseNetArp(text)).toThrow(/unexpected net\/arp content/);
  });
});
