import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.thermal_zone'];
const onTree = (sys: string) => fixtureScraper(sysTreeFlags(sys, ['thermal_zone']));

const zone = (n: number, type: string, temp: string, extra: Record<string, string> = {}) => ({
  [`class/thermal/thermal_zone${n}`]: { link: `../../devices/virtual/thermal/thermal_zone${n}` },
  [`devices/virtual/thermal/thermal_zone${n}/type`]: type,
  [`devices/virtual/thermal/thermal_zone${n}/policy`]: 'step_wise',
  [`devices/virtual/thermal/thermal_zone${n}/temp`]: temp,
  ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`devices/virtual/thermal/thermal_zone${n}/${k}`, v])),
});
const cooling = (n: number, type: string, max: string, cur: string) => ({
  [`class/thermal/cooling_device${n}`]: { link: `../../devices/virtual/thermal/cooling_device${n}` },
  [`devices/virtual/thermal/cooling_device${n}/type`]: type,
  [`devices/virtual/thermal/cooling_device${n}/max_state`]: max,
  [`devices/virtual/thermal/cooling_device${n}/cur_state`]: cur,
});

describe('thermal_zone collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    expectGolden('router/thermal_zone.prom', stable(await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape()));
  });

  it('exports negative temperatures and skips the zone whose temp cannot be read', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    // thermal_zone2 (ddr-thermal) has an unreadable temp: absent, the others are there.
    expect(samples(text, 'node_thermal_zone_temp')).toEqual([
      'node_thermal_zone_temp{zone="0",type="cpu-thermal"} 52.3',
      'node_thermal_zone_temp{zone="1",type="ambient-thermal"} -7.25',
    ]);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="thermal_zone"} 1']);
  });

  it('exports nothing, successfully, without /sys/class/thermal (as node_exporter)', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY]).scrape();
    expect(text).not.toMatch(/^node_(thermal_zone|cooling_device)_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="thermal_zone"} 1']);
  });

  it('skips zones and cooling devices with garbage or missing attributes, keeping the others', async () => {
    const sys = sysTree({
      ...zone(0, 'cpu-thermal', '48000'),
      ...zone(1, 'broken', 'N/A'),
      ...zone(2, 'huge', '9223372036854775808'),
      ...zone(3, 'acpitz', '-273150'),
      // no policy file: procfs requires it, so the zone is skipped
      'class/thermal/thermal_zone4': { link: '../../devices/virtual/thermal/thermal_zone4' },
      'devices/virtual/thermal/thermal_zone4/type': 'nopolicy',
      'devices/virtual/thermal/thermal_zone4/temp': '1000',
      // not matched by thermal_zone[0-9]* / cooling_device[0-9]*
      'class/thermal/thermal_zonex': { link: '../../devices/virtual/thermal/thermal_zone0' },
      'class/thermal/cooling_device': { link: '../../devices/virtual/thermal/cooling_device0' },
      ...cooling(0, 'Processor', '3', '1'),
      ...cooling(1, 'intel_powerclamp', '50', '-1'),
      ...cooling(2, 'Fan', 'x', '0'),
      'class/thermal/cooling_device3': { link: '../../devices/virtual/thermal/cooling_device3' },
      'devices/virtual/thermal/cooling_device3/type': 'gone-state',
      'devices/virtual/thermal/cooling_device3/max_state': '1',
    });
    const text = await onTree(sys).scrape();
    expect(samples(text, 'node_thermal_zone_temp')).toEqual([
      'node_thermal_zone_temp{zone="0",type="cpu-thermal"} 48',
      'node_thermal_zone_temp{zone="3",type="acpitz"} -273.15',
    ]);
    expect(samples(text, 'node_cooling_device_cur_state')).toEqual([
      'node_cooling_device_cur_state{name="0",type="Processor"} 1',
      'node_cooling_device_cur_state{name="1",type="intel_powerclamp"} -1',
    ]);
    expect(samples(text, 'node_cooling_device_max_state')).toEqual([
      'node_cooling_device_max_state{name="0",type="Processor"} 3',
      'node_cooling_device_max_state{name="1",type="intel_powerclamp"} 50',
    ]);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="thermal_zone"} 1']);
  });

  it('no longer exports a zone or cooling device that went away between two scrapes', async () => {
    const sys = sysTree({ ...zone(0, 'cpu-thermal', '50000'), ...zone(1, 'wifi-thermal', '61000'), ...cooling(0, 'pwm-fan', '4', '1') });
    const scraper = onTree(sys);
    const before = await scraper.scrape();
    expect(samples(before, 'node_thermal_zone_temp')).toHaveLength(2);
    expect(samples(before, 'node_cooling_device_max_state')).toHaveLength(1);
    rmSync(join(sys, 'class/thermal/thermal_zone1'));
    rmSync(join(sys, 'class/thermal/cooling_device0'));
    const after = await scraper.scrape();
    expect(samples(after, 'node_thermal_zone_temp')).toEqual(['node_thermal_zone_temp{zone="0",type="cpu-thermal"} 50']);
    expect(after).not.toMatch(/^node_cooling_device_/m);
  });
});
