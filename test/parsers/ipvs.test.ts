import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIpvsBackends, parseIpvsStats } from '../../src/procfs/ipvs.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const router = (f: string): string => readFileSync(join(FIXTURES, 'router/proc/net', f), 'utf8');
const HEADER = 'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\n';
const STATS_HEADER = '   Total Incoming Outgoing         Incoming         Outgoing\n   Conns  Packets  Packets            Bytes            Bytes\n';

describe('parseIpvsStats', () => {
  it('parses the router ip_vs_stats (hex totals)', () => {
    expect(parseIpvsStats(router('ip_vs_stats'))).toEqual({
      connections: 320161,
      incomingPackets: 48123456,
      outgoingPackets: 52345678,
      incomingBytes: 9876543210,
      outgoingBytes: 61234567890,
    });
  });
  it.each([
    ['empty', ''],
    ['headers only', STATS_HEADER],
    // strings.SplitN(s, "\n", 4) must give four parts: the totals line needs a newline after it.
    ['no newline after the totals', `${STATS_HEADER}       1        2        3                4                5`],
    ['four columns', `${STATS_HEADER}       1        2        3                4\n\n`],
    ['six columns', `${STATS_HEADER}       1        2        3                4                5 6\n\n`],
    ['not hex', `${STATS_HEADER}       1        2        3                4                Z\n\n`],
    ['a sign', `${STATS_HEADER}      -1        2        3                4                5\n\n`],
  ])('refuses %s', (_name, text) => {
    expect(parseIpvsStats(text)).toBeUndefined();
  });
});

describe('parseIpvsBackends', () => {
  it('parses the router ip_vs (IPv4 with persistence, IPv6, firewall mark)', () => {
    const b = parseIpvsBackends(router('ip_vs'));
    expect(b).toHaveLength(6);
    expect(b[0]).toEqual({ localAddress: '203.0.113.7', localPort: 443, localMark: '', remoteAddress: '192.168.1.10', remotePort: 443, proto: 'TCP', weight: 100, activeConn: 37, inactConn: 212 });
    expect(b[2]).toEqual({ localAddress: '2001:db8:10::1', localPort: 53, localMark: '', remoteAddress: '2001:db8:10::53', remotePort: 53, proto: 'UDP', weight: 1, activeConn: 0, inactConn: 41 });
    expect(b[5]).toEqual({ localAddress: '', localPort: 0, localMark: '00000010', remoteAddress: '192.168.1.11', remotePort: 0, proto: 'FWM', weight: 0, activeConn: 0, inactConn: 2 });
  });

  it('reads an SCTP service and an IPv4-mapped real server', () => {
    const text = `${HEADER}SCTP  0A000001:0B59 rr  \n  -> [0000:0000:0000:0000:0000:ffff:0a00:0002]:0B59      Route   1      2          3         \n`;
    expect(parseIpvsBackends(text)).toEqual([{ localAddress: '10.0.0.1', localPort: 2905, localMark: '', remoteAddress: '10.0.0.2', remotePort: 2905, proto: 'SCTP', weight: 1, activeConn: 2, inactConn: 3 }]);
  });

  it.each([
    ['a short real-server line', '  -> C0A8010A:01BB      Masq    100    37\n'],
    ['a negative weight', '  -> C0A8010A:01BB      Masq    -1     37         212\n'],
    ['a bad address', '  -> C0A8010Z:01BB      Masq    100    37         212\n'],
    ['an address of the wrong length', '  -> C0A8010:01BB      Masq    100    37         212\n'],
    ['an IPv6 address in short form', '  -> [2001:db8::1]:01BB      Masq    100    37         212\n'],
  ])('skips %s and keeps the next', (_name, bad) => {
    const text = `${HEADER}TCP  C0A80001:01BB wlc  \n${bad}  -> C0A8010B:01BB      Masq    50     18         97        \n`;
    expect(parseIpvsBackends(text).map((b) => b.remoteAddress)).toEqual(['192.168.1.11']);
  });

  it('drops the real servers of a service line it cannot read, not attributing them to the previous service', () => {
    const text = `${HEADER}TCP  C0A80001:01BB wlc  \n  -> C0A8010A:01BB      Masq    1      0          0\nTCP  XYZ wlc  \n  -> C0A8010B:01BB      Masq    1      0          0\nICMP  C0A80001:0000 rr  \n  -> C0A8010C:0000      Masq    1      0          0\n`;
    expect(parseIpvsBackends(text).map((b) => b.remoteAddress)).toEqual(['192.168.1.10']);
  });

  it('ignores real servers before any service, blank lines and garbage', () => {
    expect(parseIpvsBackends(`  -> C0A8010A:01BB      Masq    1      0          0\n\n\u0000\nfoo\n`)).toEqual([]);
    expect(parseIpvsBackends('')).toEqual([]);
  });
});
