import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.buddyinfo'];

describe('buddyinfo collector', () => {
  it('matches the golden exposition on the router fixture (one populated zone, 11 orders)', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/buddyinfo.prom', stable(text));
    expect(samples(text, 'node_buddyinfo_blocks')).toHaveLength(11);
    expect(samples(text, 'node_buddyinfo_blocks')[10]).toBe('node_buddyinfo_blocks{node="0",zone="DMA",size="10"} 11');
  });
  it('reports success 0 without /proc/buddyinfo, logging the error once over two scrapes', async () => {
    const log = recordingLogger();
    const scraper = fixtureScraper([...machineFlags('empty'), ...ONLY], log);
    const text = await scraper.scrape();
    await scraper.scrape();
    expect(text).not.toMatch(/^node_buddyinfo_/m);
    expect(success(text, 'buddyinfo')).toBe(0);
    expect(log.lines.filter((l) => l.startsWith('error '))).toHaveLength(1);
  });
  it.each([
    ['a short line', 'Node 0, zone\n'],
    ['zones with different numbers of orders', 'Node 0, zone DMA 1 2 3\nNode 0, zone Normal 1 2\n'],
    ['a count that is not a number', 'Node 0, zone DMA 1 x 3\n'],
  ])('fails the collector on %s, as procfs does', async (_name, content) => {
    const text = await treeScraper(procTree({ buddyinfo: content }), ['buddyinfo']).scrape();
    expect(text).not.toMatch(/^node_buddyinfo_/m);
    expect(success(text, 'buddyinfo')).toBe(0);
  });
});
