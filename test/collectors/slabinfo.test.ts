import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.slabinfo'];
const router = (...extra: string[]) => fixtureScraper([...machineFlags('router'), ...ONLY, ...extra]);
const slabs = (text: string) => samples(text, 'node_slabinfo_objects').map((l) => /slab="([^"]*)"/.exec(l)?.[1]);

describe('slabinfo collector', () => {
  it('matches the golden exposition on the router fixture (every slab by default)', async () => {
    const text = await router().scrape();
    expectGolden('router/slabinfo.prom', stable(text));
    expect(slabs(text)).toHaveLength(14);
    expect(samples(text, 'node_slabinfo_active_objects')[0]).toBe('node_slabinfo_active_objects{slab="nf_conntrack"} 612');
    expect(samples(text, 'node_slabinfo_pages_per_slab')).toContain('node_slabinfo_pages_per_slab{slab="TCP"} 8');
  });
  it('filters slabs with --collector.slabinfo.slabs-include and -exclude (both apply)', async () => {
    expect(slabs(await router('--collector.slabinfo.slabs-include=^(nf_|kmalloc-)').scrape())).toEqual(['nf_conntrack', 'nf_conntrack_expect', 'kmalloc-4k', 'kmalloc-256', 'kmalloc-128']);
    expect(slabs(await router('--collector.slabinfo.slabs-include=^(nf_|kmalloc-)', '--collector.slabinfo.slabs-exclude=expect|4k').scrape())).toEqual(['nf_conntrack', 'kmalloc-256', 'kmalloc-128']);
    expect(slabs(await router('--collector.slabinfo.slabs-exclude=^(?:[a-z_]+)$').scrape())).toEqual(['TCP', 'UDP', 'kmalloc-4k', 'kmalloc-256', 'kmalloc-128']);
  });
  it('reports success 0 without a readable /proc/slabinfo (it is root-only)', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY]).scrape();
    expect(success(text, 'slabinfo')).toBe(0);
  });
  it('fails the collector on a line that is not slabinfo 2.1, as procfs does', async () => {
    const text = await treeScraper(procTree({ slabinfo: 'slabinfo - version: 2.1\nkmalloc-8 1 2 3\n' }), ['slabinfo']).scrape();
    expect(text).not.toMatch(/^node_slabinfo_/m);
    expect(success(text, 'slabinfo')).toBe(0);
  });
});
