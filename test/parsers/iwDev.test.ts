import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIwDev } from '../../src/iw/dev.ts';
import { unescapeIwSsid } from '../../src/iw/escape.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const fixture = (name: string): string => readFileSync(join(FIXTURES, 'iw', name), 'utf8');

describe('parseIwDev', () => {
  it('reads the OpenWrt router: APs, a client uplink and a monitor, skipping the P2P device and TXQ tables', () => {
    expect(parseIwDev(fixture('router/dev.txt'))).toEqual([
      { name: 'mon0', phy: 2, type: 'monitor', ssid: undefined, addr: '00:c0:ca:00:00:09', frequencyMhz: 2462 },
      { name: 'phy1-ap1', phy: 1, type: 'AP', ssid: 'HomeNet-Guest', addr: '96:83:c4:00:00:03', frequencyMhz: 5180 },
      { name: 'phy1-ap0', phy: 1, type: 'AP', ssid: 'HomeNet', addr: '94:83:c4:00:00:02', frequencyMhz: 5180 },
      { name: 'phy0-sta0', phy: 0, type: 'managed', ssid: 'Café Upstream', addr: '94:83:c4:00:00:01', frequencyMhz: 2437 },
      { name: 'phy0-ap0', phy: 0, type: 'AP', ssid: 'HomeNet', addr: '94:83:c4:00:00:00', frequencyMhz: 2437 },
    ]);
  });

  it('does not take a link channel of an MLD (Wi-Fi 7) for the interface\'s own', () => {
    const [ifi] = parseIwDev(fixture('laptop/dev.txt'));
    expect(ifi).toMatchObject({ name: 'wlp0s20f3', type: 'managed', ssid: 'HomeNet-7', frequencyMhz: undefined });
  });

  it('leaves the frequency out for an interface on no channel, and reads odd names and types', () => {
    expect(parseIwDev(fixture('odd/dev.txt')).map((i) => [i.name, i.type, i.ssid, i.frequencyMhz])).toEqual([
      ['wlan0', 'managed', undefined, undefined],
      ['gone0', 'AP', ' odd\\name\ufffd', 2412],
      ['mesh0', 'mesh point', undefined, 5745],
      ['adhoc0', 'IBSS', 'freifunk', 5745],
    ]);
  });

  it('returns nothing for empty or foreign text, and tolerates CRLF', () => {
    expect(parseIwDev('')).toEqual([]);
    expect(parseIwDev('nl80211 not found.\n')).toEqual([]);
    expect(parseIwDev('phy#0\r\n\tInterface wlan0\r\n\t\ttype AP\r\n\t\tchannel 1 (2412 MHz)\r\n')).toEqual([
      { name: 'wlan0', phy: 0, type: 'AP', ssid: undefined, addr: undefined, frequencyMhz: 2412 },
    ]);
  });

  it('reads fractional S1G frequencies and ignores a channel line it cannot read', () => {
    const [a, b] = parseIwDev('\tInterface s1g0\n\t\tchannel 1 (902.5 MHz), width: 1 MHz\n\tInterface x\n\t\tchannel garbage\n');
    expect(a).toMatchObject({ name: 's1g0', phy: undefined, frequencyMhz: 902.5 });
    expect(b).toMatchObject({ name: 'x', frequencyMhz: undefined });
  });
});

describe('unescapeIwSsid', () => {
  it('decodes iw\'s \\xNN escapes as UTF-8', () => {
    expect(unescapeIwSsid('HomeNet')).toBe('HomeNet');
    expect(unescapeIwSsid('Caf\\xc3\\xa9')).toBe('Café');
    expect(unescapeIwSsid('\\xf0\\x9f\\x8f\\xa0 home\\x20')).toBe('🏠 home ');
    expect(unescapeIwSsid('back\\x5cslash')).toBe('back\\slash');
    expect(unescapeIwSsid('bad\\xff')).toBe('bad\ufffd');
    expect(unescapeIwSsid('not\\xzz')).toBe('not\\xzz');
  });
});
