import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { machineTree, machineTreeFlags } from './machineTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.netstat'];
const router = (...extra: string[]) => fixtureScraper([...machineFlags('router'), ...ONLY, ...extra]);
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');
const names = (text: string): string[] => [...text.matchAll(/^(node_netstat_\S+) /gm)].map((m) => m[1] ?? '');
const routerFile = (f: string): string => readFileSync(join(FIXTURES, 'router/proc/net', f), 'utf8');

describe('netstat collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await router().scrape();
    expectGolden('router/netstat.prom', stable(text));
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="netstat"} 1']);
  });

  it('exports exactly the fields of the default filter, untyped, with node_exporter HELP', async () => {
    const text = await router().scrape();
    expect(names(text)).toHaveLength(42);
    expect(names(text)).toEqual(expect.arrayContaining(['node_netstat_TcpExt_ListenDrops', 'node_netstat_Tcp_RetransSegs', 'node_netstat_Udp_RcvbufErrors', 'node_netstat_Udp6_RcvbufErrors', 'node_netstat_Ip6_InOctets', 'node_netstat_UdpLite6_InErrors']));
    // Not in the default filter.
    expect(names(text)).not.toContain('node_netstat_TcpExt_DelayedACKs');
    expect(names(text)).not.toContain('node_netstat_IcmpMsg_InType3');
    expect(text).toContain('# HELP node_netstat_TcpExt_TCPTimeouts Statistic TcpExtTCPTimeouts.\n# TYPE node_netstat_TcpExt_TCPTimeouts untyped\nnode_netstat_TcpExt_TCPTimeouts 2345\n');
    expect(samples(text, 'node_netstat_IpExt_InOctets')).toEqual(['node_netstat_IpExt_InOctets 9007199254740992']);
  });

  it('exports the fields matching --collector.netstat.fields', async () => {
    const text = await router('--collector.netstat.fields=^(IcmpMsg_.*|Tcp_MaxConn)$').scrape();
    expect(names(text)).toEqual([
      'node_netstat_IcmpMsg_InType0',
      'node_netstat_IcmpMsg_InType11',
      'node_netstat_IcmpMsg_InType3',
      'node_netstat_IcmpMsg_InType8',
      'node_netstat_IcmpMsg_OutType0',
      'node_netstat_IcmpMsg_OutType3',
      'node_netstat_IcmpMsg_OutType8',
      'node_netstat_Tcp_MaxConn',
    ]);
    expect(samples(text, 'node_netstat_Tcp_MaxConn')).toEqual(['node_netstat_Tcp_MaxConn -1']);
  });

  it('works without snmp6 (IPv6 disabled)', async () => {
    const root = machineTree({ 'proc/net/netstat': routerFile('netstat'), 'proc/net/snmp': routerFile('snmp') });
    const text = await fixtureScraper(machineTreeFlags(root, ['netstat'])).scrape();
    expect(names(text)).toHaveLength(42 - 12);
    expect(text).not.toMatch(/^node_netstat_\w+6_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="netstat"} 1']);
  });

  it.each([
    ['netstat', { 'proc/net/snmp': routerFile('snmp') }],
    ['snmp', { 'proc/net/netstat': routerFile('netstat') }],
  ])('reports success 0 and exports nothing without %s', async (_name, files) => {
    const text = await fixtureScraper(machineTreeFlags(machineTree(files), ['netstat'])).scrape();
    expect(text).not.toMatch(/^node_netstat_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="netstat"} 0']);
  });

  it('reports success 0 on a garbage file', async () => {
    const root = machineTree({ 'proc/net/netstat': 'this is not\na netstat file\n', 'proc/net/snmp': routerFile('snmp') });
    expect(success(await fixtureScraper(machineTreeFlags(root, ['netstat'])).scrape())).toEqual(['node_scrape_collector_success{collector="netstat"} 0']);
  });

  it('skips a broken protocol pair and keeps the others', async () => {
    const snmp = routerFile('snmp').replace(/^(Tcp: 1 200 120000 -1) /m, '$1 extra ');
    const root = machineTree({ 'proc/net/netstat': routerFile('netstat'), 'proc/net/snmp': snmp, 'proc/net/snmp6': routerFile('snmp6') });
    const text = await fixtureScraper(machineTreeFlags(root, ['netstat'])).scrape();
    expect(text).not.toMatch(/^node_netstat_Tcp_/m);
    expect(samples(text, 'node_netstat_Udp_InErrors')).toEqual(['node_netstat_Udp_InErrors 57']);
    expect(samples(text, 'node_netstat_TcpExt_ListenDrops')).toEqual(['node_netstat_TcpExt_ListenDrops 9']);
  });
});
