import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBitrate, parseStationDump } from '../../src/iw/stationDump.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const fixture = (name: string): string => readFileSync(join(FIXTURES, 'iw', name), 'utf8');

describe('parseBitrate', () => {
  it.each([
    ['1200.9 MBit/s 80MHz HE-MCS 11 HE-NSS 2 HE-GI 0 HE-DCM 0', 1_200_900_000],
    ['866.7 MBit/s VHT-MCS 9 80MHz short GI VHT-NSS 2', 866_700_000],
    ['300.0 MBit/s MCS 15 40MHz short GI', 300_000_000],
    ['2882.3 MBit/s 160MHz EHT-MCS 11 EHT-NSS 2 EHT-GI 0', 2_882_300_000],
    ['5.5 MBit/s', 5_500_000],
    ['1.0 MBit/s', 1_000_000],
    ['54 MBit/s', 54_000_000],
  ])('%s', (text, bps) => {
    expect(parseBitrate(text)).toBe(bps);
  });
  it('has no value for "(unknown)", zero or garbage', () => {
    expect(parseBitrate('(unknown)')).toBeUndefined();
    expect(parseBitrate('0.0 MBit/s')).toBeUndefined();
    expect(parseBitrate('fast')).toBeUndefined();
    expect(parseBitrate('12.5 Mbps')).toBeUndefined();
  });
});

describe('parseStationDump', () => {
  it('reads HE and VHT clients of a 5 GHz AP', () => {
    expect(parseStationDump(fixture('router/phy1-ap0.station-dump.txt'))).toEqual([
      {
        mac: '3c:22:fb:00:00:01',
        inactiveMs: 1250,
        rxBytes: 1843275934,
        rxPackets: 1712096,
        txBytes: 21938476112,
        txPackets: 15820374,
        txRetries: 40211,
        txFailed: 12,
        signalDbm: -58,
        txBitsPerSecond: 1_200_900_000,
        rxBitsPerSecond: 960_700_000,
        connectedSeconds: 86412,
      },
      {
        mac: 'a4:83:e7:00:00:02',
        inactiveMs: 30,
        rxBytes: 98372615,
        rxPackets: 201733,
        txBytes: 1928374651,
        txPackets: 1411092,
        txRetries: 17733,
        txFailed: 0,
        signalDbm: -67,
        txBitsPerSecond: 866_700_000,
        rxBitsPerSecond: 650_000_000,
        connectedSeconds: 3605,
      },
    ]);
  });

  it('reads HT and legacy clients, and leaves out a rate iw calls unknown', () => {
    const s = parseStationDump(fixture('router/phy0-ap0.station-dump.txt'));
    expect(s.map((x) => [x.mac, x.signalDbm, x.txBitsPerSecond, x.rxBitsPerSecond])).toEqual([
      ['b8:27:eb:00:00:03', -49, 300_000_000, 270_000_000],
      ['60:01:94:00:00:04', -81, 1_000_000, 5_500_000],
      ['00:1b:a9:00:00:05', -72, undefined, 65_000_000],
    ]);
    expect(s[2]).not.toHaveProperty('txBitsPerSecond');
  });

  it('reads beacon loss on a client interface', () => {
    const [ap] = parseStationDump(fixture('router/phy0-sta0.station-dump.txt'));
    expect(ap).toMatchObject({ mac: 'f0:9f:c2:00:00:10', beaconLoss: 3, signalDbm: -71, txBitsPerSecond: 144_400_000, connectedSeconds: 86590 });
  });

  it('takes an MLO station\'s totals, not its per-link lines', () => {
    const s = parseStationDump(fixture('laptop/wlp0s20f3.station-dump.txt'));
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ mac: '3a:07:16:00:00:30', inactiveMs: 328, rxBytes: 11319, rxPackets: 98, signalDbm: -33, txBitsPerSecond: 2_882_300_000, rxBitsPerSecond: 576_400_000, connectedSeconds: 188 });
  });

  it('skips malformed values and a block with a malformed Station line, keeps duplicates for the caller', () => {
    const s = parseStationDump(fixture('odd/mesh0.station-dump.txt'));
    expect(s).toEqual([
      { mac: '02:00:00:00:05:01', inactiveMs: 20, rxPackets: 120, txBytes: 5120, txPackets: 64 },
      { mac: '02:00:00:00:05:02', inactiveMs: 4000, connectedSeconds: 10 },
      { mac: '02:00:00:00:05:01', rxBytes: 777 },
    ]);
  });

  it('is empty for an AP without stations or for foreign text', () => {
    expect(parseStationDump('')).toEqual([]);
    expect(parseStationDump('\trx bytes:\t12\nUsage:\tiw [options] command\n')).toEqual([]);
  });

  it('reads fields with or without whitespace after the colon, upper-case MACs and CRLF', () => {
    expect(parseStationDump('Station AA:BB:CC:DD:EE:FF (on wlan0)\r\n\tsignal:-40 dBm\r\n\tinactive time:  7 ms\r\n')).toEqual([
      { mac: 'aa:bb:cc:dd:ee:ff', signalDbm: -40, inactiveMs: 7 },
    ]);
  });
});
