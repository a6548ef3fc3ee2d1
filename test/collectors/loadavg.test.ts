import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';

describe('loadavg collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.loadavg']).scrape();
    expectGolden('router/loadavg.prom', stable(text));
  });
  it('reports success 0 and exports nothing when /proc/loadavg is missing', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), '--collector.disable-defaults', '--collector.loadavg']).scrape();
    expect(samples(text, 'node_load1')).toEqual([]);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="loadavg"} 0']);
  });
});
