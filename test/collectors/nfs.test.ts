import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, scrapeOnTree, success, treeScraper } from './procTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.nfs'];

describe('nfs collector', () => {
  it('matches the golden exposition on the router fixture (an NFSv4.2 client of the NAS, no NFSv2 in its kernel)', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/nfs.prom', stable(text));
    expect(samples(text, 'node_nfs_rpcs_total')).toEqual(['node_nfs_rpcs_total 101759']);
    expect(samples(text, 'node_nfs_rpc_retransmissions_total')).toEqual(['node_nfs_rpc_retransmissions_total 4']);
    expect(samples(text, 'node_nfs_packets_total')).toEqual(['node_nfs_packets_total{protocol="udp"} 0', 'node_nfs_packets_total{protocol="tcp"} 0']);
    const requests = samples(text, 'node_nfs_requests_total');
    // 18 v2 (the missing proc2 line counts as zeros, as in procfs), 22 v3, 59 v4 procedures.
    expect(requests).toHaveLength(99);
    expect(requests).toContain('node_nfs_requests_total{proto="2",method="Null"} 0');
    expect(requests).toContain('node_nfs_requests_total{proto="4",method="Read"} 31245');
    expect(requests).toContain('node_nfs_requests_total{proto="4",method="Sequence"} 49875');
    // procfs names column 45 GetDeviceInfo and 46 LayoutGet (the kernel's order is the other way round).
    expect(requests).toContain('node_nfs_requests_total{proto="4",method="GetDeviceInfo"} 0');
    expect(requests).toContain('node_nfs_requests_total{proto="4",method="Clone"} 0');
    expect(text).toContain('# TYPE node_nfs_requests_total counter\n');
    expect(success(text, 'nfs')).toBe(1);
  });

  it('pads an older kernel\'s shorter proc4 line with zeros', async () => {
    const text = await treeScraper(procTree({ 'net/rpc/nfs': 'net 1 2 3 4\nrpc 5 6 7\nproc4 3 10 11 12\n' }), ['nfs']).scrape();
    expect(samples(text, 'node_nfs_packets_total')).toEqual(['node_nfs_packets_total{protocol="udp"} 2', 'node_nfs_packets_total{protocol="tcp"} 3']);
    expect(samples(text, 'node_nfs_connections_total')).toEqual(['node_nfs_connections_total 4']);
    const v4 = samples(text, 'node_nfs_requests_total').filter((l) => l.includes('proto="4"'));
    expect(v4).toHaveLength(59);
    expect(v4).toContain('node_nfs_requests_total{proto="4",method="Write"} 12');
    expect(v4).toContain('node_nfs_requests_total{proto="4",method="Commit"} 0');
  });

  it('reports no data (success 0, logged at debug level only) without the nfs client module', async () => {
    expect(await scrapeOnTree('nfs', {}, 'node_nfs_')).toEqual({ success: 0, exported: false, logged: [] });
  });

  it.each([
    ['garbage', 'many\n'],
    ['an unknown line', 'net 0 0 0 0\nfoo 1 2\n'],
    ['a short rpc line', 'rpc 1 2\n'],
    ['a count that does not match', 'proc3 22 1 2 3\n'],
    ['a negative number', 'net -1 0 0 0\n'],
    ['a blank line', 'net 0 0 0 0\n\nrpc 1 2 3\n'],
  ])('fails the collector (success 0, nothing exported, one error logged) on %s', async (_name, content) => {
    const r = await scrapeOnTree('nfs', { 'net/rpc/nfs': content }, 'node_nfs_');
    expect(r).toMatchObject({ success: 0, exported: false });
    expect(r.logged).toHaveLength(1);
  });
});
