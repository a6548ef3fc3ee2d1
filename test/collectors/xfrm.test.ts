import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

describe('xfrm collector', () => {
  it('is off by default', async () => {
    const text = await fixtureScraper(machineFlags('router')).scrape();
    expect(text).not.toMatch(/^node_xfrm_/m);
  });

  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.xfrm']).scrape();
    expectGolden('router/xfrm.prom', stable(text));
    expect(text.match(/^# TYPE node_xfrm_\w+_packets_total counter$/gm)).toHaveLength(28);
    expect(samples(text, 'node_xfrm_in_no_pols_packets_total')).toEqual(['node_xfrm_in_no_pols_packets_total 112']);
    expect(success(text, 'xfrm')).toBe(1);
  });

  it('fails (success 0) without /proc/net/xfrm_stat, as node_exporter does', async () => {
    const text = await treeScraper(procTree({}), ['xfrm']).scrape();
    expect(text).not.toMatch(/^node_xfrm_/m);
    expect(success(text, 'xfrm')).toBe(0);
  });

  it('serves 0 for a counter the kernel does not list, and leaves out one it cannot read', async () => {
    const text = await treeScraper(procTree({ 'net/xfrm_stat': 'XfrmInError 5\nXfrmOutError lots\nXfrmInStateDirError 2\n' }), ['xfrm']).scrape();
    expect(success(text, 'xfrm')).toBe(1);
    expect(samples(text, 'node_xfrm_in_error_packets_total')).toEqual(['node_xfrm_in_error_packets_total 5']);
    expect(samples(text, 'node_xfrm_acquire_error_packets_total')).toEqual(['node_xfrm_acquire_error_packets_total 0']);
    expect(text).not.toMatch(/^node_xfrm_out_error_packets_total/m);
    expect(text.match(/^node_xfrm_\w+ \d+$/gm)).toHaveLength(27);
  });
});
