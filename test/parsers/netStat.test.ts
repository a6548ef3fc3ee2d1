import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNetStats, parseSnmp6 } from '../../src/procfs/netStat.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const router = (f: string): string => readFileSync(join(FIXTURES, 'router/proc/net', f), 'utf8');
const plain = (s: Map<string, Map<string, number>>) => Object.fromEntries([...s].map(([k, v]) => [k, Object.fromEntries(v)]));

describe('parseNetStats', () => {
  it('parses the router netstat (TcpExt, IpExt) and snmp (Ip, Icmp, IcmpMsg, Tcp, Udp, UdpLite)', () => {
    const netstat = parseNetStats(router('netstat'));
    expect([...netstat.keys()]).toEqual(['TcpExt', 'IpExt']);
    expect(netstat.get('TcpExt')?.size).toBe(126);
    expect(netstat.get('TcpExt')?.get('ListenDrops')).toBe(9);
    expect(netstat.get('TcpExt')?.get('TCPPLBRehash')).toBe(0);
    // Above 2^53: the nearest double, as Go's ParseFloat gives.
    expect(netstat.get('IpExt')?.get('InOctets')).toBe(9007199254740992);
    const snmp = parseNetStats(router('snmp'));
    expect([...snmp.keys()]).toEqual(['Ip', 'Icmp', 'IcmpMsg', 'Tcp', 'Udp', 'UdpLite']);
    expect(snmp.get('Tcp')?.get('MaxConn')).toBe(-1);
    expect(snmp.get('Ip')?.get('OutTransmits')).toBe(6175308642);
    expect(snmp.get('IcmpMsg')?.get('OutType3')).toBe(3456);
  });

  it('takes lines two by two', () => {
    expect(plain(parseNetStats('Tcp: A B\nTcp: 1 2\nUdp: C\nUdp: 3\n'))).toEqual({ Tcp: { A: 1, B: 2 }, Udp: { C: 3 } });
    expect(plain(parseNetStats('Tcp: A B\nTcp: 1 2'))).toEqual({ Tcp: { A: 1, B: 2 } });
  });

  it.each([
    ['a value line with another field count', 'Tcp: A B\nTcp: 1\nUdp: C\nUdp: 3\n', { Udp: { C: 3 } }],
    ['a value line of another protocol', 'Tcp: A\nUdp: 1\nUdp: C\nUdp: 3\n', { Udp: { C: 3 } }],
    ['a header without its value line at the end', 'Udp: C\nUdp: 3\nTcp: A B\n', { Udp: { C: 3 } }],
    ['a header without colon', 'Tcp A\nTcp 1\nUdp: C\nUdp: 3\n', { Udp: { C: 3 } }],
  ])('skips %s', (_name, text, want) => {
    expect(plain(parseNetStats(text))).toEqual(want);
  });

  it('skips a value that is not a number but keeps the rest of the line', () => {
    expect(plain(parseNetStats('Tcp: A B C\nTcp: 1 x 3\n'))).toEqual({ Tcp: { A: 1, C: 3 } });
  });

  it('returns nothing for an empty file and throws on garbage', () => {
    expect(parseNetStats('').size).toBe(0);
    expect(() => parseNetStats('garbage\nmore garbage\n')).toThrow(/unexpected netstat/);
    expect(() => parseNetStats('\0\0\0')).toThrow(/unexpected netstat/);
  });
});

describe('parseSnmp6', () => {
  it('splits names at their first "6" (router fixture, padded columns)', () => {
    const s = parseSnmp6(router('snmp6'));
    expect([...s.keys()]).toEqual(['Ip6', 'Icmp6', 'Udp6', 'UdpLite6']);
    expect(s.get('Ip6')?.get('InOctets')).toBe(412345678901);
    expect(s.get('Icmp6')?.get('OutType143')).toBe(11097);
    expect(s.get('UdpLite6')?.get('InErrors')).toBe(0);
  });

  it('skips lines without a "6", without a value or with a non-numeric value', () => {
    expect(plain(parseSnmp6('Ip6InReceives 7\nIpInReceives 3\nIcmp6InMsgs\nUdp6NoPorts x\n\n  Udp6InErrors\t2  \n'))).toEqual({
      Ip6: { InReceives: 7 },
      Udp6: { InErrors: 2 },
    });
  });
});
