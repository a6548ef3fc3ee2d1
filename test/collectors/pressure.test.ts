import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { KernelFs } from '../../src/kernel/kernelFs.ts';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';

// Paths whose read fails with the given errno code (EOPNOTSUPP is what a kernel booted without psi=1
// returns for every pressure file; a fixture file cannot reproduce it).
const failing = new Map<string, string>();
const readTextSync = KernelFs.prototype.readTextSync;
vi.spyOn(KernelFs.prototype, 'readTextSync').mockImplementation(function (this: KernelFs, path: string): string {
  const code = failing.get(path);
  if (code !== undefined) throw Object.assign(new Error(`${code}: read '${path}'`), { code });
  return readTextSync.call(this, path);
});

const SOME = (total: number): string => `some avg10=0.00 avg60=0.00 avg300=0.00 total=${total}\n`;
const FULL = (total: number): string => `full avg10=0.00 avg60=0.00 avg300=0.00 total=${total}\n`;

function pressureTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'lte-pressure-'));
  mkdirSync(join(root, 'proc', 'pressure'), { recursive: true });
  mkdirSync(join(root, 'sys'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'proc', 'pressure', name), text);
  return root;
}

function scrape(root: string): Promise<string> {
  return fixtureScraper([`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, '--collector.disable-defaults', '--collector.pressure']).scrape();
}

const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');

describe('pressure collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.pressure']).scrape();
    expectGolden('router/pressure.prom', stable(text));
    // microseconds / 1000 / 1000, as node_exporter divides (the float64 result of two divisions, not of / 1e6)
    expect(samples(text, 'node_pressure_io_waiting_seconds_total')).toEqual(['node_pressure_io_waiting_seconds_total 913.0045180000001']);
    expect(samples(text, 'node_pressure_irq_stalled_seconds_total')).toEqual(['node_pressure_irq_stalled_seconds_total 6.125407']);
    // node_exporter 1.12.1 exports neither cpu "full" (present in the fixture) nor irq "some"
    expect(samples(text, 'node_pressure_cpu_stalled_seconds_total')).toEqual([]);
    expect(samples(text, 'node_pressure_irq_waiting_seconds_total')).toEqual([]);
  });

  it('reports no data on a kernel without PSI', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), '--collector.disable-defaults', '--collector.pressure']).scrape();
    expect(text).not.toMatch(/^node_pressure/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="pressure"} 0']);
  });

  it('skips a missing irq file (kernel < 6.1 or no IRQ time accounting)', async () => {
    const text = await scrape(pressureTree({ cpu: SOME(1_500_000), io: SOME(2) + FULL(1), memory: SOME(0) + FULL(0) }));
    expect(samples(text, 'node_pressure_cpu_waiting_seconds_total')).toEqual(['node_pressure_cpu_waiting_seconds_total 1.5']);
    expect(samples(text, 'node_pressure_io_stalled_seconds_total')).toEqual(['node_pressure_io_stalled_seconds_total 0.000001']);
    expect(samples(text, 'node_pressure_irq_stalled_seconds_total')).toEqual([]);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="pressure"} 1']);
  });

  it('exports what exists when only some files are there', async () => {
    const text = await scrape(pressureTree({ memory: SOME(3_000_000) + FULL(1_000_000) }));
    expect(text.split('\n').filter((l) => l.startsWith('node_pressure_'))).toEqual([
      'node_pressure_memory_waiting_seconds_total 3',
      'node_pressure_memory_stalled_seconds_total 1',
    ]);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="pressure"} 1']);
  });

  it('reports no data when io has no "full" line', async () => {
    const text = await scrape(pressureTree({ cpu: SOME(1), io: SOME(2), memory: SOME(0) + FULL(0) }));
    expect(text).not.toMatch(/^node_pressure/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="pressure"} 0']);
  });

  it('reports no data when cpu has no usable "some" line (garbage)', async () => {
    const text = await scrape(pressureTree({ cpu: 'garbage\n', io: SOME(2) + FULL(1), memory: SOME(0) + FULL(0) }));
    expect(text).not.toMatch(/^node_pressure/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="pressure"} 0']);
  });

  it('reports no data when PSI is compiled in but disabled at boot (EOPNOTSUPP)', async () => {
    const root = pressureTree({ cpu: SOME(1), io: SOME(2) + FULL(1), memory: SOME(0) + FULL(0) });
    failing.set(join(root, 'proc', 'pressure', 'cpu'), 'ENOTSUP');
    const text = await scrape(root);
    expect(text).not.toMatch(/^node_pressure/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="pressure"} 0']);
  });

  it('fails on any other read error (e.g. a denied file)', async () => {
    const root = pressureTree({ cpu: SOME(1), io: SOME(2) + FULL(1), memory: SOME(0) + FULL(0) });
    failing.set(join(root, 'proc', 'pressure', 'io'), 'EACCES');
    const text = await scrape(root);
    expect(text).not.toMatch(/^node_pressure/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="pressure"} 0']);
  });

  it('keeps totals above 2^53 as float64', async () => {
    const text = await scrape(pressureTree({ cpu: SOME(9007199254740993) }));
    expect(samples(text, 'node_pressure_cpu_waiting_seconds_total')).toEqual(['node_pressure_cpu_waiting_seconds_total 9007199254.740992']);
  });
});
