import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';

const STAT = ['--collector.disable-defaults', '--collector.stat'];

function statMachine(text: string): { flags: string[]; write: (t: string) => void } {
  const root = mkdtempSync(join(tmpdir(), 'lte-stat-'));
  mkdirSync(join(root, 'proc'));
  mkdirSync(join(root, 'sys'));
  const write = (t: string): void => writeFileSync(join(root, 'proc', 'stat'), t);
  write(text);
  return { flags: [`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`], write };
}

const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');

describe('stat collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...STAT, '--collector.stat.softirq']).scrape();
    expectGolden('router/stat.prom', stable(text));
    expect(samples(text, 'node_context_switches_total')).toEqual(['node_context_switches_total 9876543210']);
    expect(samples(text, 'node_softirqs_total')).toHaveLength(10);
    // The stat collector exports no per-CPU times (that is the cpu collector's job).
    expect(text).not.toMatch(/^node_cpu/m);
  });

  it('exports no node_softirqs_total without --collector.stat.softirq', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...STAT]).scrape();
    expect(samples(text, 'node_softirqs_total')).toEqual([]);
    expect(samples(text, 'node_forks_total')).toEqual(['node_forks_total 2345678']);
  });

  it('reports success 0 and exports nothing when /proc/stat is missing', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), ...STAT]).scrape();
    expect(text).not.toMatch(/^node_(boot|context|forks|intr|procs)/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="stat"} 0']);
  });

  it('reports success 0 on a garbage /proc/stat', async () => {
    const m = statMachine('\u0000garbage\nmore garbage\n');
    const text = await fixtureScraper([...m.flags, ...STAT]).scrape();
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="stat"} 0']);
  });

  it('exports the lines that are there when others are missing or garbled', async () => {
    const m = statMachine('cpu  1 2 3 4\nintr 12 0 0\nctxt garbled\nbtime 1700000000\nprocs_running 3\nsoftirq 9 1 2 3\n');
    const text = await fixtureScraper([...m.flags, ...STAT, '--collector.stat.softirq']).scrape();
    expect(text.split('\n').filter((l) => /^node_(boot|context|forks|intr|procs|softirqs)/.test(l))).toEqual([
      'node_intr_total 12',
      'node_boot_time_seconds 1700000000',
      'node_procs_running 3',
      'node_softirqs_total{vector="hi"} 1',
      'node_softirqs_total{vector="timer"} 2',
      'node_softirqs_total{vector="net_tx"} 3',
    ]);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="stat"} 1']);

    // Next scrape the garbled line is fine and a line is gone: exactly what the file says now.
    m.write('ctxt 77\nprocesses 5\n');
    const later = await fixtureScraper([...m.flags, ...STAT, '--collector.stat.softirq']).scrape();
    expect(later.split('\n').filter((l) => /^node_(boot|context|forks|intr|procs|softirqs)/.test(l))).toEqual(['node_context_switches_total 77', 'node_forks_total 5']);
  });
});
