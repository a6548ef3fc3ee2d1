import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { expectGolden, FIXTURES, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { validateExposition } from '../helpers/exposition.ts';
import { success } from './procTree.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.rapl'];
/** The path label holds --path.sysfs: the fixture's place on this machine becomes /sys. */
const withSys = (text: string) => text.replaceAll(join(FIXTURES, 'router', 'sys'), '/sys');

describe('rapl collector', () => {
  it('matches the golden exposition on the router fixture (MSR and MMIO zones)', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/rapl.prom', withSys(stable(text)));
    expect(success(text, 'rapl')).toBe(1);
  });

  it('puts the zone in a label with --collector.rapl.enable-zone-label', async () => {
    const text = withSys(await fixtureScraper([...machineFlags('router'), ...ONLY, '--collector.rapl.enable-zone-label']).scrape());
    expect(samples(text, 'node_rapl_joules_total')).toEqual([
      'node_rapl_joules_total{index="0",path="/sys/class/powercap/intel-rapl-mmio:0",rapl_zone="package"} 83745.303711',
      'node_rapl_joules_total{index="0",path="/sys/class/powercap/intel-rapl:0",rapl_zone="package"} 83745.120332',
      'node_rapl_joules_total{index="0",path="/sys/class/powercap/intel-rapl:0:0",rapl_zone="core"} 31211.984412',
      'node_rapl_joules_total{index="0",path="/sys/class/powercap/intel-rapl:0:1",rapl_zone="uncore"} 1722.306121',
      'node_rapl_joules_total{index="0",path="/sys/class/powercap/intel-rapl:1",rapl_zone="psys"} 154033.87351',
    ]);
  });

  it('reports no data (success 0, debug only) without /sys/class/powercap', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY], log).scrape();
    expect(text).not.toMatch(/^node_rapl_/m);
    expect(success(text, 'rapl')).toBe(0);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it('indexes repeated names by their count and sanitizes names into metric names', async () => {
    const zone = (d: string, name: string, uj: string) => ({ [`class/powercap/${d}/name`]: name, [`class/powercap/${d}/energy_uj`]: uj, [`class/powercap/${d}/max_energy_range_uj`]: '65532610987' });
    const sys = sysTree({ ...zone('a:0', 'dram', '1000000'), ...zone('a:1', 'dram', '2000000'), ...zone('a:2', 'pkg.x-y', '3'), 'class/powercap/a': { dir: true } });
    const text = await fixtureScraper(sysTreeFlags(sys, ['rapl'])).scrape();
    expect(samples(text, 'node_rapl_dram_joules_total')).toEqual([
      `node_rapl_dram_joules_total{index="0",path="${sys}/class/powercap/a:0"} 1`,
      `node_rapl_dram_joules_total{index="1",path="${sys}/class/powercap/a:1"} 2`,
    ]);
    expect(samples(text, 'node_rapl_pkg_x_y_joules_total')).toEqual([`node_rapl_pkg_x_y_joules_total{index="0",path="${sys}/class/powercap/a:2"} 0.000003`]);
  });

  it('escapes a zone name with a backslash in HELP (as node_exporter puts the raw name there)', async () => {
    const sys = sysTree({ 'class/powercap/z:0/name': 'a\\b', 'class/powercap/z:0/energy_uj': '5', 'class/powercap/z:0/max_energy_range_uj': '9' });
    const text = await fixtureScraper(sysTreeFlags(sys, ['rapl'])).scrape();
    expect(text).toContain('# HELP node_rapl_a_b_joules_total Current RAPL a\\\\b value in joules\n');
    expect(validateExposition(text, { allowNaN: false })).toEqual([]);
  });

  it('fails (success 0) on an energy counter that does not parse, or a zone without max_energy_range_uj', async () => {
    const cases: Record<string, string>[] = [
      { 'class/powercap/z:0/name': 'package-0', 'class/powercap/z:0/energy_uj': 'n/a', 'class/powercap/z:0/max_energy_range_uj': '1' },
      { 'class/powercap/z:0/name': 'package-0', 'class/powercap/z:0/energy_uj': '1' },
    ];
    for (const files of cases) {
      const text = await fixtureScraper(sysTreeFlags(sysTree(files), ['rapl'])).scrape();
      expect(text).not.toMatch(/^node_rapl_/m);
      expect(success(text, 'rapl')).toBe(0);
    }
  });
});
