import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIwLink } from '../../src/iw/link.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const fixture = (name: string): string => readFileSync(join(FIXTURES, 'iw', name), 'utf8');

describe('parseIwLink', () => {
  it('reads a client\'s BSS, SSID (unescaped) and frequency', () => {
    expect(parseIwLink(fixture('router/phy0-sta0.link.txt'))).toEqual({ status: 'associated', bssid: 'f0:9f:c2:00:00:10', ssid: 'Café Upstream', frequencyMhz: 2437 });
    expect(parseIwLink(fixture('laptop/wlp0s20f3.link.txt'))).toEqual({ status: 'associated', bssid: '3a:07:16:00:00:30', ssid: 'HomeNet-7', frequencyMhz: 6135 });
  });
  it('reads an IBSS and an authenticated-only link', () => {
    expect(parseIwLink(fixture('odd/adhoc0.link.txt'))).toEqual({ status: 'ibss', bssid: '02:00:00:00:06:99', ssid: 'freifunk', frequencyMhz: 5745 });
    expect(parseIwLink('Authenticated with 00:11:22:33:44:AA (on wlan0)\n')).toEqual({ status: 'authenticated', bssid: '00:11:22:33:44:aa', ssid: undefined, frequencyMhz: undefined });
  });
  it('has no link when not connected or on foreign text', () => {
    expect(parseIwLink(fixture('odd/wlan0.link.txt'))).toBeUndefined();
    expect(parseIwLink('')).toBeUndefined();
    expect(parseIwLink('Connected to nobody\n\tSSID: x\n')).toBeUndefined();
  });
});
