import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

const router = (...extra: string[]) => fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.ipvs', ...extra]);
const STATS = '   Total Incoming Outgoing         Incoming         Outgoing\n   Conns  Packets  Packets            Bytes            Bytes\n       1        2        3                4                5\n\n';
const IPVS = 'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\n';

describe('ipvs collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await router().scrape();
    expectGolden('router/ipvs.prom', stable(text));
    expect(samples(text, 'node_ipvs_incoming_bytes_total')).toEqual(['node_ipvs_incoming_bytes_total 9876543210']);
    expect(samples(text, 'node_ipvs_backend_connections_inactive')).toContain(
      'node_ipvs_backend_connections_inactive{local_address="2001:db8:10::1",local_port="53",remote_address="2001:db8:10::54",remote_port="53",proto="UDP",local_mark=""} 39',
    );
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="ipvs"} 1']);
  });

  it('sums the real servers that share the chosen labels (--collector.ipvs.backend-labels)', async () => {
    const text = await router('--collector.ipvs.backend-labels=proto,local_port').scrape();
    // Labels keep node_exporter's order whatever the flag's order.
    expect(samples(text, 'node_ipvs_backend_connections_active')).toEqual([
      'node_ipvs_backend_connections_active{local_port="443",proto="TCP"} 55',
      'node_ipvs_backend_connections_active{local_port="53",proto="UDP"} 0',
      'node_ipvs_backend_connections_active{local_port="0",proto="FWM"} 4',
    ]);
    expect(samples(text, 'node_ipvs_backend_weight')).toContain('node_ipvs_backend_weight{local_port="443",proto="TCP"} 150');
  });

  it('serves the per-server families without labels when the flag is empty', async () => {
    const text = await router('--collector.ipvs.backend-labels=').scrape();
    expect(samples(text, 'node_ipvs_backend_connections_inactive')).toEqual(['node_ipvs_backend_connections_inactive 402']);
  });

  it('refuses to start with an unknown backend label', () => {
    expect(() => router('--collector.ipvs.backend-labels=proto,vip,backend')).toThrow('unknown IPVS backend labels: "backend, vip"');
  });

  it('reports no data (success 0, debug only) without the ip_vs module', async () => {
    const log = recordingLogger();
    const root = procTree({});
    const text = await fixtureScraper([`--path.procfs=${root}/proc`, `--path.sysfs=${root}/sys`, `--path.rootfs=${root}`, '--collector.disable-defaults', '--collector.ipvs'], log).scrape();
    expect(text).not.toMatch(/^node_ipvs_/m);
    expect(success(text, 'ipvs')).toBe(0);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it('fails (success 0) on a corrupt ip_vs_stats, or without ip_vs beside it', async () => {
    expect(success(await treeScraper(procTree({ 'net/ip_vs_stats': 'garbage\n', 'net/ip_vs': IPVS }), ['ipvs']).scrape(), 'ipvs')).toBe(0);
    expect(success(await treeScraper(procTree({ 'net/ip_vs_stats': STATS }), ['ipvs']).scrape(), 'ipvs')).toBe(0);
  });

  it('skips a real server it cannot read and serves the others', async () => {
    const ipvs = `${IPVS}TCP  C0A80001:0050 rr  \n  -> C0A8010A:0050      Masq    1      x          0\n  -> C0A8010B:0050      Masq    1      2          0\n`;
    const text = await treeScraper(procTree({ 'net/ip_vs_stats': STATS, 'net/ip_vs': ipvs }), ['ipvs']).scrape();
    expect(success(text, 'ipvs')).toBe(1);
    expect(samples(text, 'node_ipvs_backend_connections_active')).toEqual([
      'node_ipvs_backend_connections_active{local_address="192.168.0.1",local_port="80",remote_address="192.168.1.11",remote_port="80",proto="TCP",local_mark=""} 2',
    ]);
    expect(samples(text, 'node_ipvs_connections_total')).toEqual(['node_ipvs_connections_total 1']);
  });
});
