import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

describe('cgroups collector', () => {
  it('is off by default', async () => {
    expect(await fixtureScraper(machineFlags('router')).scrape()).not.toMatch(/^node_cgroups_/m);
  });

  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.cgroups']).scrape();
    expectGolden('router/cgroups.prom', stable(text));
    expect(samples(text, 'node_cgroups_cgroups')).toHaveLength(8);
    expect(samples(text, 'node_cgroups_enabled')).toContain('node_cgroups_enabled{subsys_name="pids"} 1');
  });

  it('fails (success 0) without /proc/cgroups, as node_exporter does', async () => {
    const text = await treeScraper(procTree({}), ['cgroups']).scrape();
    expect(text).not.toMatch(/^node_cgroups_/m);
    expect(success(text, 'cgroups')).toBe(0);
  });

  it('skips a malformed line and serves the others', async () => {
    const text = await treeScraper(procTree({ cgroups: '#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpu\t1\n\nmemory\t0\t12\t0\n' }), ['cgroups']).scrape();
    expect(success(text, 'cgroups')).toBe(1);
    expect(samples(text, 'node_cgroups_cgroups')).toEqual(['node_cgroups_cgroups{subsys_name="memory"} 12']);
    expect(samples(text, 'node_cgroups_enabled')).toEqual(['node_cgroups_enabled{subsys_name="memory"} 0']);
  });
});
