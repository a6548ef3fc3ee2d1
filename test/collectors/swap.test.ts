import { describe, expect, it } from 'vitest';
import { COLLECTORS } from '../../src/collectors/index.ts';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.swap'];
const HEADER = 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n';

describe('swap collector', () => {
  it('is off by default, as in node_exporter', () => {
    expect(COLLECTORS.find((c) => c.name === 'swap')?.defaultEnabled).toBe(false);
  });
  it('matches the golden exposition on the router fixture (swap on zram)', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/swap.prom', stable(text));
    expect(samples(text, 'node_swap_size_bytes')).toEqual(['node_swap_size_bytes{device="/dev/zram0",swap_type="partition"} 259047424']);
    expect(samples(text, 'node_swap_used_bytes')).toEqual(['node_swap_used_bytes{device="/dev/zram0",swap_type="partition"} 4980736']);
    expect(samples(text, 'node_swap_priority')).toEqual(['node_swap_priority{device="/dev/zram0",swap_type="partition"} -2']);
  });
  it('exports nothing, successfully, when no swap is active (the header alone)', async () => {
    const text = await treeScraper(procTree({ swaps: HEADER }), ['swap']).scrape();
    expect(text).not.toMatch(/^node_swap_/m);
    expect(success(text, 'swap')).toBe(1);
  });
  it('reports success 0 without /proc/swaps (a kernel without CONFIG_SWAP)', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY]).scrape();
    expect(success(text, 'swap')).toBe(0);
  });
  it.each([
    ['too few fields', `${HEADER}/dev/sda2 partition 100 0\n`],
    ['a size that is not a number', `${HEADER}/dev/sda2 partition 1e3 0 -2\n`],
  ])('fails the collector on %s, as procfs does', async (_name, content) => {
    const text = await treeScraper(procTree({ swaps: content }), ['swap']).scrape();
    expect(text).not.toMatch(/^node_swap_/m);
    expect(success(text, 'swap')).toBe(0);
  });
});
