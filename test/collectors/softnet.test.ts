import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { machineTree, machineTreeFlags } from './machineTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.softnet'];
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');
const onTree = (softnet: string | undefined) => fixtureScraper(machineTreeFlags(machineTree(softnet === undefined ? {} : { 'proc/net/softnet_stat': softnet }), ['softnet']));

describe('softnet collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/softnet.prom', stable(text));
    expect(samples(text, 'node_softnet_processed_total')).toEqual([
      'node_softnet_processed_total{cpu="0"} 4087460548',
      'node_softnet_processed_total{cpu="1"} 180097588',
      'node_softnet_processed_total{cpu="2"} 19114957',
      'node_softnet_processed_total{cpu="3"} 16702650',
    ]);
    expect(samples(text, 'node_softnet_dropped_total')).toContain('node_softnet_dropped_total{cpu="1"} 63');
    expect(samples(text, 'node_softnet_times_squeezed_total')).toContain('node_softnet_times_squeezed_total{cpu="0"} 418');
    expect(samples(text, 'node_softnet_backlog_len')).toContain('node_softnet_backlog_len{cpu="1"} 1');
    expect(text).toContain('# TYPE node_softnet_backlog_len gauge');
    expect(text).toContain('# TYPE node_softnet_dropped_total counter');
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="softnet"} 1']);
  });

  it('takes the CPU from the index column, which skips offline CPUs', async () => {
    const z = '00000000';
    const line = (processed: string, cpu: string): string => [processed, z, z, z, z, z, z, z, z, z, z, z, cpu].join(' ');
    const text = await onTree(`${line('0000000a', '00000000')}\n${line('0000000b', '00000002')}\n`).scrape();
    expect(samples(text, 'node_softnet_processed_total')).toEqual(['node_softnet_processed_total{cpu="0"} 10', 'node_softnet_processed_total{cpu="2"} 11']);
  });

  it('reports success 0 and exports nothing without the file, or with garbage in it', async () => {
    for (const content of [undefined, 'garbage\n']) {
      const text = await onTree(content).scrape();
      expect(text).not.toMatch(/^node_softnet_/m);
      expect(success(text)).toEqual(['node_scrape_collector_success{collector="softnet"} 0']);
    }
  });
});
