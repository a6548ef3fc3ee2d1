import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

const UDP_HEADER = '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n';
const SOCKET = '   39: 00000000:0035 00000000:0000 07 00000010:00000100 00:00000000 00000000   453        0 4211 2 0000000000000000 0\n';

describe('udp_queues collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.udp_queues']).scrape();
    expectGolden('router/udp_queues.prom', stable(text));
    expect(samples(text, 'node_udp_queues')).toEqual([
      'node_udp_queues{queue="tx",ip="v4"} 432',
      'node_udp_queues{queue="rx",ip="v4"} 3328',
      'node_udp_queues{queue="tx",ip="v6"} 0',
      'node_udp_queues{queue="rx",ip="v6"} 512',
    ]);
  });
  it('exports IPv4 only on a kernel without IPv6', async () => {
    const text = await treeScraper(procTree({ 'net/udp': UDP_HEADER + SOCKET }), ['udp_queues']).scrape();
    expect(samples(text, 'node_udp_queues')).toEqual(['node_udp_queues{queue="tx",ip="v4"} 16', 'node_udp_queues{queue="rx",ip="v4"} 256']);
    expect(success(text, 'udp_queues')).toBe(1);
  });
  it('reports no data (success 0) when neither table exists', async () => {
    const text = await treeScraper(procTree({}), ['udp_queues']).scrape();
    expect(text).not.toMatch(/^node_udp_queues/m);
    expect(success(text, 'udp_queues')).toBe(0);
  });
  it('reports success 0 and exports nothing when a table is garbage', async () => {
    const text = await treeScraper(procTree({ 'net/udp': UDP_HEADER + SOCKET, 'net/udp6': 'garbage\n' }), ['udp_queues']).scrape();
    expect(text).not.toMatch(/^node_udp_queues/m);
    expect(success(text, 'udp_queues')).toBe(0);
  });
});
