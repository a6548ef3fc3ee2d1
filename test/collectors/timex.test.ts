import { describe, expect, it } from 'vitest';
import { COLLECTORS } from '../../src/collectors/index.ts';
import { fixtureScraper, machineFlags, samples } from '../helpers/scrape.ts';

describe('timex collector', () => {
  it('reports no data (success 0) and exports no node_timex_* metric: adjtimex(2) needs native code', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.timex']).scrape();
    expect(text).not.toMatch(/^node_timex_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="timex"} 0']);
  });
  it('accepts --no-collector.timex, as node_exporter command lines use it', async () => {
    const scraper = fixtureScraper([...machineFlags('router'), '--no-collector.timex']);
    expect(scraper.collectorNames).not.toContain('timex');
  });
});

describe('defaults of the collectors of issue 8', () => {
  it('are node_exporter 1.12.1\'s on Linux', () => {
    const byName = new Map(COLLECTORS.map((c) => [c.name, c.defaultEnabled]));
    expect(Object.fromEntries(['arp', 'cpufreq', 'kernel_hung', 'powersupplyclass', 'schedstat', 'timex', 'udp_queues', 'vmstat', 'interrupts', 'processes', 'tcpstat'].map((n) => [n, byName.get(n)]))).toEqual({
      arp: true,
      cpufreq: true,
      kernel_hung: true,
      powersupplyclass: true,
      schedstat: true,
      timex: true,
      udp_queues: true,
      vmstat: true,
      interrupts: false,
      processes: false,
      tcpstat: false,
    });
  });
});
