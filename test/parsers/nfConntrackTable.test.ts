import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConntrackLine } from '../../src/procfs/nfConntrackTable.ts';
import { FIXTURES } from '../helpers/scrape.ts';

describe('parseConntrackLine', () => {
  it('parses every line of the router fixture', () => {
    const lines = readFileSync(join(FIXTURES, 'router/proc/net/nf_conntrack'), 'utf8').trim().split('\n');
    expect(lines.map(parseConntrackLine).map((e) => e && `${e.family} ${e.protocol} ${e.state || '-'} ${e.snat ? 'snat' : ''}${e.dnat ? 'dnat' : ''}`)).toEqual([
      'ipv4 tcp ESTABLISHED snat',
      'ipv4 tcp ESTABLISHED snat',
      'ipv4 tcp TIME_WAIT snat',
      'ipv4 tcp SYN_SENT ',
      'ipv4 tcp ESTABLISHED ',
      'ipv4 tcp ESTABLISHED dnat',
      'ipv4 udp - ',
      'ipv4 udp - snat',
      'ipv4 udp - ',
      'ipv4 udp - snat',
      'ipv4 icmp - snat',
      'ipv4 unknown - ',
      'ipv6 tcp ESTABLISHED ',
      'ipv6 udp - ',
      'ipv6 icmpv6 - ',
    ]);
  });

  it('sees a source port rewrite alone as SNAT, and both translations at once', () => {
    expect(parseConntrackLine('ipv4 2 udp 17 30 src=10.0.0.2 dst=8.8.8.8 sport=5000 dport=53 src=8.8.8.8 dst=10.0.0.2 sport=53 dport=6000 use=1')).toMatchObject({ snat: true, dnat: false });
    expect(parseConntrackLine('ipv4 2 tcp 6 30 ESTABLISHED src=1.2.3.4 dst=5.6.7.8 sport=1 dport=80 src=10.0.0.9 dst=10.0.0.1 sport=8080 dport=1 use=1')).toMatchObject({ snat: true, dnat: true, state: 'ESTABLISHED' });
  });

  it('reads GRE lines with their timeout=, stream_timeout= fields', () => {
    const gre = 'ipv4     2 gre      47 178 timeout=180, stream_timeout=18000 src=192.168.1.5 dst=198.51.100.1 srckey=0x0 dstkey=0x0 src=198.51.100.1 dst=203.0.113.7 srckey=0x0 dstkey=0x0 [ASSURED] mark=0 zone=0 use=2';
    expect(parseConntrackLine(gre)).toEqual({ family: 'ipv4', protocol: 'gre', state: '', snat: true, dnat: false });
  });

  it.each([
    ['empty', ''],
    ['garbage', 'hello world'],
    ['a truncated line', 'ipv4     2 tcp      6 7437 ESTABLISHED src=192.168.1.20 dst=142.250.185.78 sport=51234'],
    ['no reply tuple', 'ipv4 2 udp 17 30 src=10.0.0.2 dst=8.8.8.8 sport=5000 dport=53 use=1'],
    ['a non-numeric timeout', 'ipv4 2 udp 17 soon src=1.1.1.1 dst=2.2.2.2 src=2.2.2.2 dst=1.1.1.1'],
    ['an upper-case family', 'IPV4 2 udp 17 30 src=1.1.1.1 dst=2.2.2.2 src=2.2.2.2 dst=1.1.1.1'],
  ])('refuses %s', (_n, line) => {
    expect(parseConntrackLine(line)).toBeUndefined();
  });
});
