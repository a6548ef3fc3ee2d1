import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

describe('kernel_hung collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.kernel_hung']).scrape();
    expectGolden('router/kernel_hung.prom', stable(text));
    expect(samples(text, 'node_kernel_hung_tasks_total')).toEqual(['node_kernel_hung_tasks_total 1']);
    expect(text).toContain('# TYPE node_kernel_hung_tasks_total counter\n');
  });
  it('reports no data (success 0) before Linux 6.7, where the file does not exist', async () => {
    const text = await treeScraper(procTree({}), ['kernel_hung']).scrape();
    expect(text).not.toMatch(/^node_kernel_hung/m);
    expect(success(text, 'kernel_hung')).toBe(0);
  });
  it.each([['garbage', 'many\n'], ['negative', '-1\n'], ['empty', '']])('reports success 0 on %s content', async (_name, content) => {
    const text = await treeScraper(procTree({ 'sys/kernel/hung_task_detect_count': content }), ['kernel_hung']).scrape();
    expect(text).not.toMatch(/^node_kernel_hung/m);
    expect(success(text, 'kernel_hung')).toBe(0);
  });
});
