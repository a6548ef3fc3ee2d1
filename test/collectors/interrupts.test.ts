import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

const router = (...extra: string[]) => fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.interrupts', ...extra]);
const types = (text: string): string[] => [...new Set([...text.matchAll(/^node_interrupts_total\{[^}]*type="([^"]+)"/gm)].map((m) => m[1] ?? ''))];

describe('interrupts collector', () => {
  it('matches the golden exposition on the router fixture (aarch64 GICv3 format)', async () => {
    const text = await router().scrape();
    expectGolden('router/interrupts.prom', stable(text));
    // 17 numbered interrupts and 7 IPIs, one series per CPU; "Err" has no per-CPU counts.
    expect(samples(text, 'node_interrupts_total')).toHaveLength(24 * 4);
    expect(samples(text, 'node_interrupts_total')).toContain('node_interrupts_total{cpu="0",type="IPI1",info="Function call interrupts",devices=""} 2768808080');
    expect(samples(text, 'node_interrupts_total')).toContain('node_interrupts_total{cpu="3",type="26",info="GICv3",devices="246 Level mt7915e"} 156789012');
    expect(text).toContain('# TYPE node_interrupts_total counter\n');
  });
  it('leaves out zero counts with --no-collector.interrupts.include-zeros', async () => {
    const text = await router('--no-collector.interrupts.include-zeros').scrape();
    expect(samples(text, 'node_interrupts_total').filter((l) => l.endsWith(' 0'))).toEqual([]);
    expect(samples(text, 'node_interrupts_total')).toHaveLength(27);
  });
  it('filters on "<name>;<info>;<devices>" with name-include / name-exclude', async () => {
    expect(types(await router('--collector.interrupts.name-include=ethernet|mt79').scrape())).toEqual(['23', '24', '25', '26']);
    expect(types(await router('--collector.interrupts.name-include=^IPI[01];').scrape())).toEqual(['IPI0', 'IPI1']);
    const excluded = types(await router('--collector.interrupts.name-exclude=^IPI|;GICv3;').scrape());
    expect(excluded).toEqual(['40', '41', '47', '56']);
  });
  it.each([
    ['missing', {}],
    ['garbage', { interrupts: 'not the interrupt table\n' }],
  ])('reports success 0 when /proc/interrupts is %s', async (_name, files: Record<string, string>) => {
    const text = await treeScraper(procTree(files), ['interrupts']).scrape();
    expect(text).not.toMatch(/^node_interrupts_total/m);
    expect(success(text, 'interrupts')).toBe(0);
  });
});
