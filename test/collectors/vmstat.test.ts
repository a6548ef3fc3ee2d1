import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

const router = (...extra: string[]) => fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.vmstat', ...extra]);

describe('vmstat collector', () => {
  it('matches the golden exposition on the router fixture (the default field filter)', async () => {
    const text = await router().scrape();
    expectGolden('router/vmstat.prom', stable(text));
    expect(text.split('\n').filter((l) => l.startsWith('node_vmstat_'))).toEqual([
      'node_vmstat_pgpgin 2097184',
      'node_vmstat_pgpgout 4375212',
      'node_vmstat_pswpin 3120',
      'node_vmstat_pswpout 9874',
      'node_vmstat_pgfault 12884901919',
      'node_vmstat_pgmajfault 48211',
      'node_vmstat_oom_kill 2',
    ]);
    expect(text).toContain('# TYPE node_vmstat_pgfault untyped\n');
    expect(text).toContain('# HELP node_vmstat_pgfault /proc/vmstat information field pgfault.\n');
  });
  it('selects other fields with --collector.vmstat.fields, and all of them with an empty pattern', async () => {
    const text = await router('--collector.vmstat.fields=^(nr_free_|compact_)').scrape();
    expect(text.split('\n').filter((l) => l.startsWith('node_vmstat_')).map((l) => l.split(' ')[0])).toEqual([
      'node_vmstat_nr_free_pages',
      'node_vmstat_nr_free_cma',
      'node_vmstat_compact_migrate_scanned',
      'node_vmstat_compact_free_scanned',
      'node_vmstat_compact_isolated',
      'node_vmstat_compact_stall',
      'node_vmstat_compact_fail',
      'node_vmstat_compact_success',
      'node_vmstat_compact_daemon_wake',
    ]);
    const all = await router('--collector.vmstat.fields=').scrape();
    const lines = readFileSync(join(FIXTURES, 'router/proc/vmstat'), 'utf8').trim().split('\n');
    expect(all.split('\n').filter((l) => l.startsWith('node_vmstat_'))).toHaveLength(lines.length);
  });
  it('skips a malformed line and keeps the others', async () => {
    const text = await treeScraper(procTree({ vmstat: 'pgpgin 5\npgpgout\npswpin many\npgfault 9\n' }), ['vmstat']).scrape();
    expect(text.split('\n').filter((l) => l.startsWith('node_vmstat_'))).toEqual(['node_vmstat_pgpgin 5', 'node_vmstat_pgfault 9']);
    expect(success(text, 'vmstat')).toBe(1);
  });
  it.each([
    ['missing', {}],
    ['garbage', { vmstat: 'this is not vmstat\n' }],
  ])('reports success 0 and exports nothing when /proc/vmstat is %s', async (_name, files: Record<string, string>) => {
    const text = await treeScraper(procTree(files), ['vmstat']).scrape();
    expect(text).not.toMatch(/^node_vmstat_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="vmstat"} 0']);
  });
});
