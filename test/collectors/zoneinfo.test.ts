import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.zoneinfo'];

describe('zoneinfo collector', () => {
  it('matches the golden exposition on the router fixture (one populated zone of four, no NUMA counters)', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/zoneinfo.prom', stable(text));
    expect(samples(text, 'node_zoneinfo_managed_pages')).toEqual([
      'node_zoneinfo_managed_pages{node="0",zone="DMA"} 126490',
      'node_zoneinfo_managed_pages{node="0",zone="DMA32"} 0',
      'node_zoneinfo_managed_pages{node="0",zone="Normal"} 0',
      'node_zoneinfo_managed_pages{node="0",zone="Movable"} 0',
    ]);
    // per-node stats are printed inside the node's first populated zone, and counted there
    expect(samples(text, 'node_zoneinfo_nr_dirtied_total')).toEqual(['node_zoneinfo_nr_dirtied_total{node="0",zone="DMA"} 1093342']);
    expect(samples(text, 'node_zoneinfo_protection_3')).toHaveLength(4);
    expect(text).not.toMatch(/^node_zoneinfo_numa_/m);
  });
  it('reports success 0 without /proc/zoneinfo', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY]).scrape();
    expect(success(text, 'zoneinfo')).toBe(0);
  });
  it('reads garbage as procfs does: nothing without a Node line, 0 for a value that does not parse', async () => {
    expect(await treeScraper(procTree({ zoneinfo: 'this is not\nzoneinfo at all\n' }), ['zoneinfo']).scrape()).not.toMatch(/^node_zoneinfo_/m);
    const text = await treeScraper(procTree({ zoneinfo: 'Node 0, zone   Normal\n  pages free 5\n        min      lots\n        protection: (0, x)\n      nr_free_pages 5\n' }), ['zoneinfo']).scrape();
    expect(samples(text, 'node_zoneinfo_min_pages')).toEqual(['node_zoneinfo_min_pages{node="0",zone="Normal"} 0']);
    expect(samples(text, 'node_zoneinfo_nr_free_pages')).toEqual(['node_zoneinfo_nr_free_pages{node="0",zone="Normal"} 5']);
    expect(text).not.toMatch(/^node_zoneinfo_protection_/m);
    expect(success(text, 'zoneinfo')).toBe(1);
  });
});
