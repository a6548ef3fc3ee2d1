import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY_HWMON = ['--collector.disable-defaults', '--collector.hwmon'];
const router = (...extra: string[]) => fixtureScraper([...machineFlags('router'), ...ONLY_HWMON, ...extra]);
const onTree = (sys: string, ...extra: string[]) => fixtureScraper(sysTreeFlags(sys, ['hwmon'], extra));
const chipsOf = (text: string): string[] => [...new Set([...text.matchAll(/chip="([^"]*)"/g)].map((m) => m[1] ?? ''))].sort();

describe('hwmon collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    expectGolden('router/hwmon.prom', stable(await router().scrape()));
  });

  it('names chips after their device link, with the name file as chip_names', async () => {
    const text = await router().scrape();
    expect(samples(text, 'node_hwmon_chip_names')).toEqual([
      'node_hwmon_chip_names{chip="thermal_thermal_zone0",chip_name="cpu_thermal"} 1',
      'node_hwmon_chip_names{chip="ieee80211_phy0",chip_name="mt7915_phy0"} 1',
      'node_hwmon_chip_names{chip="ieee80211_phy1",chip_name="mt7915_phy1"} 1',
      'node_hwmon_chip_names{chip="0000:00:00_0_0000:01:00_0",chip_name="ath10k_hwmon"} 1',
      'node_hwmon_chip_names{chip="platform_pwm_fan",chip_name="pwmfan"} 1',
      'node_hwmon_chip_names{chip="platform_sfp1",chip_name="sfp1"} 1',
    ]);
  });

  it('skips a sensor file that fails to read and keeps the rest of the chip', async () => {
    // phy1's temp1_input cannot be read (a directory in the fixture, EIO/EAGAIN on a real router).
    const text = await router().scrape();
    expect(samples(text, 'node_hwmon_temp_celsius').filter((l) => l.includes('ieee80211_phy1'))).toEqual([]);
    expect(samples(text, 'node_hwmon_temp_crit_celsius')).toContain('node_hwmon_temp_crit_celsius{chip="ieee80211_phy1",sensor="temp1"} 110');
    // power/ directories inside hwmon and device directories look like a "power0" sensor: skipped.
    expect(text).not.toMatch(/sensor="power0"/);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="hwmon"} 1']);
  });

  it('reports success 0 and exports nothing without /sys/class/hwmon', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY_HWMON]).scrape();
    expect(text).not.toMatch(/^node_hwmon_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="hwmon"} 0']);
  });

  it('filters chips with --collector.hwmon.chip-include / chip-exclude on the chip label', async () => {
    expect(chipsOf(await router('--collector.hwmon.chip-include=^platform_').scrape())).toEqual(['platform_pwm_fan', 'platform_sfp1']);
    expect(chipsOf(await router('--collector.hwmon.chip-exclude=ieee80211|thermal').scrape())).toEqual(['0000:00:00_0_0000:01:00_0', 'platform_pwm_fan', 'platform_sfp1']);
  });

  it('filters sensors with --collector.hwmon.sensor-include / sensor-exclude on "<chip>;<sensor>"', async () => {
    const excluded = await router('--collector.hwmon.sensor-exclude=^platform_sfp1;(curr|power)').scrape();
    expect(excluded).not.toMatch(/^node_hwmon_(curr|power)_/m);
    expect(samples(excluded, 'node_hwmon_in_volts')).toEqual(['node_hwmon_in_volts{chip="platform_sfp1",sensor="in0"} 3.291']);
    expect(samples(excluded, 'node_hwmon_sensor_label').map((l) => /sensor="(\w+)"/.exec(l)?.[1])).toEqual(['in0', 'temp1']);

    const included = await router('--collector.hwmon.sensor-include=^platform_pwm_fan;').scrape();
    expect(included.split('\n').filter((l) => /^node_hwmon_(?!chip_names)/.test(l))).toEqual([
      'node_hwmon_fan_rpm{chip="platform_pwm_fan",sensor="fan1"} 2910',
      'node_hwmon_pwm{chip="platform_pwm_fan",sensor="pwm1"} 128',
      'node_hwmon_pwm_enable{chip="platform_pwm_fan",sensor="pwm1"} 1',
    ]);
    // chip_names is per chip, not per sensor: still there for every chip.
    expect(samples(included, 'node_hwmon_chip_names')).toHaveLength(6);
  });

  it('reads sensors from hwmonN/device/ (old kernels, applesmc)', async () => {
    const sys = sysTree({
      'class/hwmon/hwmon0': { link: '../../devices/platform/it87.656/hwmon/hwmon0' },
      'devices/platform/it87.656/hwmon/hwmon0/device': { link: '../../../it87.656' },
      'devices/platform/it87.656/name': 'it8728',
      'devices/platform/it87.656/temp1_input': '38000',
      'devices/platform/it87.656/fan1_input': '1250',
      'devices/platform/it87.656/in0_input': '1104',
    });
    const text = await onTree(sys).scrape();
    expect(text.split('\n').filter((l) => l.startsWith('node_hwmon_'))).toEqual([
      'node_hwmon_fan_rpm{chip="platform_it87_656",sensor="fan1"} 1250',
      'node_hwmon_in_volts{chip="platform_it87_656",sensor="in0"} 1.104',
      'node_hwmon_temp_celsius{chip="platform_it87_656",sensor="temp1"} 38',
    ]);
  });

  it('tells apart several chips under one device, and falls back to hwmonN without device or name', async () => {
    const phy = 'devices/platform/soc/18000000.wifi/ieee80211/phy0';
    const sys = sysTree({
      'class/hwmon/hwmon1': { link: `../../${phy}/hwmon1` },
      'class/hwmon/hwmon2': { link: `../../${phy}/hwmon2` },
      'class/hwmon/hwmon3': { link: '../../devices/platform/asus-nb-wmi/hwmon/hwmon3' },
      'class/hwmon/hwmon4': { link: '../../devices/platform/asus-nb-wmi/hwmon/hwmon4' },
      'class/hwmon/hwmon7': { link: '../../devices/virtual/hwmon/hwmon7' },
      [`${phy}/hwmon1/device`]: { link: '../../phy0' },
      [`${phy}/hwmon1/name`]: 'mt7996_phy0.0',
      [`${phy}/hwmon1/temp1_input`]: '55000',
      [`${phy}/hwmon2/device`]: { link: '../../phy0' },
      [`${phy}/hwmon2/name`]: 'mt7996_phy0.1',
      [`${phy}/hwmon2/temp1_input`]: '56000',
      'devices/platform/asus-nb-wmi/hwmon/hwmon3/device': { link: '../../../asus-nb-wmi' },
      'devices/platform/asus-nb-wmi/hwmon/hwmon3/name': 'asus',
      'devices/platform/asus-nb-wmi/hwmon/hwmon3/pwm1_enable': '2',
      'devices/platform/asus-nb-wmi/hwmon/hwmon4/device': { link: '../../../asus-nb-wmi' },
      'devices/platform/asus-nb-wmi/hwmon/hwmon4/name': 'asus',
      'devices/platform/asus-nb-wmi/hwmon/hwmon4/pwm1_enable': '1',
      'devices/virtual/hwmon/hwmon7/temp1_input': '30000',
    });
    const text = await onTree(sys).scrape();
    expect(samples(text, 'node_hwmon_temp_celsius')).toEqual([
      'node_hwmon_temp_celsius{chip="ieee80211_phy0_mt7996_phy0_0",sensor="temp1"} 55',
      'node_hwmon_temp_celsius{chip="ieee80211_phy0_mt7996_phy0_1",sensor="temp1"} 56',
      'node_hwmon_temp_celsius{chip="hwmon7",sensor="temp1"} 30',
    ]);
    expect(samples(text, 'node_hwmon_pwm_enable')).toEqual([
      'node_hwmon_pwm_enable{chip="platform_asus_nb_wmi_hwmon3",sensor="pwm1"} 2',
      'node_hwmon_pwm_enable{chip="platform_asus_nb_wmi_hwmon4",sensor="pwm1"} 1',
    ]);
    // The include filter sees the disambiguated label.
    expect(chipsOf(await onTree(sys, '--collector.hwmon.chip-include=_hwmon4$').scrape())).toEqual(['platform_asus_nb_wmi_hwmon4']);
  });

  it('skips garbage values, keeps raw labels (invalid UTF-8 replaced, cut at 128 bytes like a single sysfs read)', async () => {
    const long = 'x'.repeat(140);
    const sys = sysTree({
      'class/hwmon/hwmon0': { link: '../../devices/virtual/hwmon/hwmon0' },
      'class/hwmon/README': 'not a chip',
      'class/hwmon/hwmon9': { link: '../../devices/virtual/hwmon/gone' },
      'devices/virtual/hwmon/hwmon0/name': 'lm75',
      'devices/virtual/hwmon/hwmon0/temp1_input': 'N/A',
      'devices/virtual/hwmon/hwmon0/temp1_max': ' 80000',
      'devices/virtual/hwmon/hwmon0/temp1_crit': '90000',
      'devices/virtual/hwmon/hwmon0/temp1_label': Buffer.from([0x42, 0x6f, 0x61, 0x72, 0x64, 0x20, 0xff, 0xfe, 0x0a]),
      'devices/virtual/hwmon/hwmon0/temp2_input': '20000',
      'devices/virtual/hwmon/hwmon0/temp2_label': long,
    });
    const text = await onTree(sys).scrape();
    expect(text.split('\n').filter((l) => l.startsWith('node_hwmon_'))).toEqual([
      'node_hwmon_chip_names{chip="lm75",chip_name="lm75"} 1',
      'node_hwmon_sensor_label{chip="lm75",sensor="temp1",label="Board \uFFFD"} 1',
      `node_hwmon_sensor_label{chip="lm75",sensor="temp2",label="${'x'.repeat(128)}"} 1`,
      'node_hwmon_temp_crit_celsius{chip="lm75",sensor="temp1"} 90',
      'node_hwmon_temp_celsius{chip="lm75",sensor="temp2"} 20',
    ]);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="hwmon"} 1']);
  });

  it('no longer exports a chip that went away between two scrapes', async () => {
    const sys = sysTree({
      'class/hwmon/hwmon0': { link: '../../devices/platform/pwm-fan/hwmon/hwmon0' },
      'class/hwmon/hwmon1': { link: '../../devices/platform/sfp1/hwmon/hwmon1' },
      'devices/platform/pwm-fan/hwmon/hwmon0/device': { link: '../../../pwm-fan' },
      'devices/platform/pwm-fan/hwmon/hwmon0/fan1_input': '3000',
      'devices/platform/sfp1/hwmon/hwmon1/device': { link: '../../../sfp1' },
      'devices/platform/sfp1/hwmon/hwmon1/temp1_input': '40000',
    });
    const scraper = onTree(sys);
    expect(chipsOf(await scraper.scrape())).toEqual(['platform_pwm_fan', 'platform_sfp1']);
    // The SFP module is pulled: its hwmon device is unregistered.
    rmSync(join(sys, 'class/hwmon/hwmon1'));
    rmSync(join(sys, 'devices/platform/sfp1/hwmon'), { recursive: true });
    const after = await scraper.scrape();
    expect(chipsOf(after)).toEqual(['platform_pwm_fan']);
    expect(after).not.toMatch(/^node_hwmon_temp_celsius/m);
  });
});
