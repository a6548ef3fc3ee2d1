import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

const HEADER = 'entries  allocs destroys\n';

describe('lnstat collector', () => {
  it('matches the golden exposition on the router fixture (arp_cache, ndisc_cache, nf_conntrack)', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.lnstat']).scrape();
    expectGolden('router/lnstat.prom', stable(text));
    expect(samples(text, 'node_lnstat_lookups_total')).toEqual([
      'node_lnstat_lookups_total{subsystem="arp_cache",cpu="0"} 6716',
      'node_lnstat_lookups_total{subsystem="arp_cache",cpu="1"} 2855',
      'node_lnstat_lookups_total{subsystem="arp_cache",cpu="2"} 3185',
      'node_lnstat_lookups_total{subsystem="arp_cache",cpu="3"} 1918',
      'node_lnstat_lookups_total{subsystem="ndisc_cache",cpu="0"} 2335',
      'node_lnstat_lookups_total{subsystem="ndisc_cache",cpu="1"} 946',
      'node_lnstat_lookups_total{subsystem="ndisc_cache",cpu="2"} 1045',
      'node_lnstat_lookups_total{subsystem="ndisc_cache",cpu="3"} 608',
    ]);
    expect(text).toContain('# TYPE node_lnstat_search_restart_total counter\n');
  });
  it('exports nothing, successfully, without /proc/net/stat (as node_exporter)', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), '--collector.disable-defaults', '--collector.lnstat'], log).scrape();
    expect(text).not.toMatch(/^node_lnstat_/m);
    expect(success(text, 'lnstat')).toBe(1);
    expect(log.lines.filter((l) => !l.startsWith('debug '))).toEqual([]);
  });
  it('fails the collector (once logged) on a table with a field that is not hex, as procfs does', async () => {
    const root = procTree({ 'net/stat/arp_cache': `${HEADER}00000001 00000002 00000003\n`, 'net/stat/rt_cache': `${HEADER}00000001 zz 00000003\n` });
    const log = recordingLogger();
    const scraper = treeScraper(root, ['lnstat'], [], log);
    const text = await scraper.scrape();
    expect(text).not.toMatch(/^node_lnstat_/m);
    expect(success(text, 'lnstat')).toBe(0);
    await scraper.scrape();
    expect(log.lines.filter((l) => l.startsWith('error '))).toHaveLength(1);
  });
  it('fails on a line with more fields than its header', async () => {
    const text = await treeScraper(procTree({ 'net/stat/arp_cache': `${HEADER}00000001 00000002 00000003 00000004\n` }), ['lnstat']).scrape();
    expect(success(text, 'lnstat')).toBe(0);
  });
});
