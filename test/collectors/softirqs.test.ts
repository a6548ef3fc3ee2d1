import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';

const SOFTIRQS = ['--collector.disable-defaults', '--collector.softirqs'];

function softirqsMachine(text: string): string[] {
  const root = mkdtempSync(join(tmpdir(), 'lte-softirqs-'));
  mkdirSync(join(root, 'proc'));
  mkdirSync(join(root, 'sys'));
  writeFileSync(join(root, 'proc', 'softirqs'), text);
  return [`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`];
}

const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');

describe('softirqs collector', () => {
  it('is disabled by default', async () => {
    const text = await fixtureScraper([...machineFlags('router')]).scrape();
    expect(samples(text, 'node_softirqs_functions_total')).toEqual([]);
    expect(success(text).filter((l) => l.includes('"softirqs"'))).toEqual([]);
  });

  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...SOFTIRQS]).scrape();
    expectGolden('router/softirqs.prom', stable(text));
    expect(samples(text, 'node_softirqs_functions_total')).toHaveLength(40);
    expect(text).toContain('node_softirqs_functions_total{cpu="0",type="NET_RX"} 2123456789\n');
  });

  it('reports success 0 when /proc/softirqs is missing', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), ...SOFTIRQS]).scrape();
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="softirqs"} 0']);
  });

  it('reports success 0 on garbage', async () => {
    const text = await fixtureScraper([...softirqsMachine('garbage\n'), ...SOFTIRQS]).scrape();
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="softirqs"} 0']);
  });

  it('a bad row does not hide the others; unknown vectors are not exported', async () => {
    const text = await fixtureScraper([
      ...softirqsMachine('                    CPU0       CPU1       \n          HI:          1          x\n       TIMER:          5          6\n      FUTURE:          1          1\n'),
      ...SOFTIRQS,
    ]).scrape();
    expect(samples(text, 'node_softirqs_functions_total')).toEqual([
      'node_softirqs_functions_total{cpu="0",type="TIMER"} 5',
      'node_softirqs_functions_total{cpu="1",type="TIMER"} 6',
    ]);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="softirqs"} 1']);
  });
});
