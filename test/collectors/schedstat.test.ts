import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

describe('schedstat collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.schedstat']).scrape();
    expectGolden('router/schedstat.prom', stable(text));
    // 186420113560312 ns of running time on cpu0.
    expect(samples(text, 'node_schedstat_running_seconds_total')[0]).toBe('node_schedstat_running_seconds_total{cpu="0"} 186420.113560312');
    expect(samples(text, 'node_schedstat_timeslices_total')).toHaveLength(4);
    expect(text).toContain('# TYPE node_schedstat_waiting_seconds_total counter\n');
  });
  it('reports no data (success 0) on a kernel without /proc/schedstat', async () => {
    const text = await treeScraper(procTree({}), ['schedstat']).scrape();
    expect(text).not.toMatch(/^node_schedstat_/m);
    expect(success(text, 'schedstat')).toBe(0);
  });
  it('reports success 0 on garbage', async () => {
    const text = await treeScraper(procTree({ schedstat: 'version 15\nnonsense\n' }), ['schedstat']).scrape();
    expect(text).not.toMatch(/^node_schedstat_/m);
    expect(success(text, 'schedstat')).toBe(0);
  });
  it('exports only the CPUs present in the latest reading', async () => {
    const root = procTree({ schedstat: 'version 15\ncpu0 0 0 0 0 0 0 1000000000 2000000000 3\ncpu1 0 0 0 0 0 0 4000000000 5000000000 6\n' });
    const scraper = treeScraper(root, ['schedstat']);
    expect(samples(await scraper.scrape(), 'node_schedstat_timeslices_total')).toEqual(['node_schedstat_timeslices_total{cpu="0"} 3', 'node_schedstat_timeslices_total{cpu="1"} 6']);
    writeFileSync(join(root, 'proc', 'schedstat'), 'version 15\ncpu0 0 0 0 0 0 0 1000000000 2000000000 4\n');
    expect(samples(await scraper.scrape(), 'node_schedstat_timeslices_total')).toEqual(['node_schedstat_timeslices_total{cpu="0"} 4']);
  });
});
