import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, scrapeOnTree, success, treeScraper } from './procTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.nfsd'];

describe('nfsd collector', () => {
  it('matches the golden exposition on the router fixture (exporting its USB disk over NFSv3 and v4.2, Linux 5.15)', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/nfsd.prom', stable(text));
    expect(samples(text, 'node_nfsd_server_rpcs_total')).toEqual(['node_nfsd_server_rpcs_total 437596']);
    expect(samples(text, 'node_nfsd_server_threads')).toEqual(['node_nfsd_server_threads 8']);
    expect(samples(text, 'node_nfsd_disk_bytes_read_total')).toEqual(['node_nfsd_disk_bytes_read_total 31877652480']);
    expect(samples(text, 'node_nfsd_file_handles_stale_total')).toEqual(['node_nfsd_file_handles_stale_total 3']);
    expect(samples(text, 'node_nfsd_packets_total')).toEqual(['node_nfsd_packets_total{proto="udp"} 0', 'node_nfsd_packets_total{proto="tcp"} 437596']);
    expect(samples(text, 'node_nfsd_rpc_errors_total')).toEqual([
      'node_nfsd_rpc_errors_total{error="fmt"} 0',
      'node_nfsd_rpc_errors_total{error="auth"} 0',
      'node_nfsd_rpc_errors_total{error="cInt"} 0',
    ]);
    const requests = samples(text, 'node_nfsd_requests_total');
    // 17 v2 and 21 v3 procedures (not Null), 35 v4 operations and WdelegGetattr (0: no such line before Linux 6.10).
    expect(requests).toHaveLength(74);
    expect(requests).toContain('node_nfsd_requests_total{proto="3",method="Read"} 301227');
    expect(requests).toContain('node_nfsd_requests_total{proto="4",method="PutFH"} 12180');
    expect(requests).toContain('node_nfsd_requests_total{proto="4",method="WdelegGetattr"} 0');
    expect(requests.some((l) => l.includes('method="Null"') || l.includes('method="PutRootFH"'))).toBe(false);
    expect(text).toContain('# TYPE node_nfsd_server_threads gauge\n');
    expect(success(text, 'nfsd')).toBe(1);
  });

  it('reads the th line\'s first two numbers only, and wdeleg_getattr (Linux 6.10+)', async () => {
    const text = await treeScraper(procTree({ 'net/rpc/nfsd': 'th 16 3 1.5 junk\nwdeleg_getattr 15\n' }), ['nfsd']).scrape();
    expect(samples(text, 'node_nfsd_server_threads')).toEqual(['node_nfsd_server_threads 16']);
    expect(samples(text, 'node_nfsd_requests_total')).toContain('node_nfsd_requests_total{proto="4",method="WdelegGetattr"} 15');
    expect(success(text, 'nfsd')).toBe(1);
  });

  it('exports zeros for an empty file, as procfs reads it', async () => {
    const text = await treeScraper(procTree({ 'net/rpc/nfsd': '' }), ['nfsd']).scrape();
    expect(samples(text, 'node_nfsd_server_rpcs_total')).toEqual(['node_nfsd_server_rpcs_total 0']);
    expect(success(text, 'nfsd')).toBe(1);
  });

  it('reports no data (success 0, logged at debug level only) without the nfsd module', async () => {
    expect(await scrapeOnTree('nfsd', {}, 'node_nfsd_')).toEqual({ success: 0, exported: false, logged: [] });
  });

  it.each([
    ['garbage', 'many\n'],
    ['an unknown line', 'rc 0 0 0\nfoo 1\n'],
    ['a short th line', 'th 8\n'],
    ['a float where a counter belongs', 'io 1.5 2\n'],
    ['a proc4 line that is not Null and Compound', 'proc4 3 1 2 3\n'],
    ['a proc4ops line of fewer than 39 operations', 'proc4ops 2 0 0\n'],
    ['a counter beyond 2^64', 'rc 18446744073709551616 0 0\n'],
  ])('fails the collector (success 0, nothing exported, one error logged) on %s', async (_name, content) => {
    const r = await scrapeOnTree('nfsd', { 'net/rpc/nfsd': content }, 'node_nfsd_');
    expect(r).toMatchObject({ success: 0, exported: false });
    expect(r.logged).toHaveLength(1);
  });
});
