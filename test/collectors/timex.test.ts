import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COLLECTORS } from '../../src/collectors/index.ts';
import { FIXTURES, expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';

const fakePerl = join(FIXTURES, 'adjtimex', 'fake-perl');
const timexOnly = (perl: string): string[] => [...machineFlags('router'), '--collector.disable-defaults', '--collector.timex', `--collector.timex.perl=${perl}`];

describe('timex collector', () => {
  afterEach(() => {
    delete process.env.ADJTIMEX_FIXTURE;
  });
  it('exports node_exporter\'s 17 node_timex_* families, scaled as node_exporter scales them (STA_NANO)', async () => {
    expectGolden('router/timex.prom', stable(await fixtureScraper(timexOnly(fakePerl)).scrape()));
  });
  it('reads offsets in microseconds without STA_NANO, and sync_status 0 on TIME_ERROR', async () => {
    process.env.ADJTIMEX_FIXTURE = 'unsynced.txt';
    const text = await fixtureScraper(timexOnly(fakePerl)).scrape();
    expect(samples(text, 'node_timex_sync_status')).toEqual(['node_timex_sync_status 0']);
    expect(samples(text, 'node_timex_maxerror_seconds')).toEqual(['node_timex_maxerror_seconds 16']);
    expect(samples(text, 'node_timex_tick_seconds')).toEqual(['node_timex_tick_seconds 0.01']);
  });
  it('reports no data without Perl: success 0, no node_timex_*, nothing logged above debug', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper(timexOnly('/nonexistent/perl'), log).scrape();
    expect(text).not.toMatch(/^node_timex_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="timex"} 0']);
    expect(log.lines.filter((l) => !l.startsWith('debug '))).toEqual([]);
  });
  it('fails the collector, not the scrape, on a garbled helper line', async () => {
    process.env.ADJTIMEX_FIXTURE = 'fake-perl'; // the script itself: not 22 integers
    const text = await fixtureScraper([...timexOnly(fakePerl), '--collector.loadavg']).scrape();
    expect(text).not.toMatch(/^node_timex_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual([
      'node_scrape_collector_success{collector="loadavg"} 1',
      'node_scrape_collector_success{collector="timex"} 0',
    ]);
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
