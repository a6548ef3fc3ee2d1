import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { success } from './procTree.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';
import type { Node } from './sysTree.ts';

const onTree = (sys: string, ...extra: string[]) => fixtureScraper(sysTreeFlags(sys, ['powersupplyclass'], extra));

/** A router with a Li-ion backup battery on a fuel gauge and a USB-C input (as on a travel router). */
function supplies(): Record<string, Node> {
  const bat = 'devices/platform/soc/11007000.i2c/i2c-0/0-0055/power_supply/bq27546-0';
  const usb = 'devices/platform/soc/11007000.i2c/i2c-0/0-006b/power_supply/bq25890-charger';
  return {
    'class/power_supply/bq27546-0': { link: `../../${bat}` },
    'class/power_supply/bq25890-charger': { link: `../../${usb}` },
    [`${bat}/type`]: 'Battery',
    [`${bat}/status`]: 'Discharging',
    [`${bat}/present`]: '1',
    [`${bat}/capacity`]: '57',
    [`${bat}/capacity_level`]: 'Normal',
    [`${bat}/cycle_count`]: '112',
    [`${bat}/voltage_now`]: '3787000',
    [`${bat}/current_now`]: '-412000',
    [`${bat}/charge_full`]: '2850000',
    [`${bat}/charge_full_design`]: '3000000',
    [`${bat}/charge_now`]: '1624000',
    [`${bat}/temp`]: '-52',
    [`${bat}/time_to_empty_now`]: '14160',
    [`${bat}/technology`]: 'Li-ion',
    [`${bat}/manufacturer`]: 'Texas Instruments',
    [`${bat}/model_name`]: Buffer.from([0x62, 0x71, 0x32, 0x37, 0xff, 0xfe, 0x0a]), // EEPROM junk after "bq27"
    [`${bat}/health`]: { dir: true }, // unreadable (EIO on a real gauge): left out
    [`${bat}/power_avg`]: 'N/A',
    [`${bat}/uevent`]: 'POWER_SUPPLY_NAME=bq27546-0',
    [`${bat}/device`]: { link: '../../../0-0055' },
    [`${usb}/type`]: 'USB',
    [`${usb}/usb_type`]: 'Unknown SDP [DCP] CDP',
    [`${usb}/online`]: '1',
    [`${usb}/voltage_now`]: '5120000',
    [`${usb}/current_max`]: '2000000',
    [`${usb}/input_current_limit`]: '1500000',
    [`${usb}/constant_charge_current`]: 'garbage', // not a number: left out
  };
}

describe('powersupplyclass collector', () => {
  it('reports no data (success 0) on the router fixture, which has no power supply class', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.powersupplyclass']).scrape();
    expectGolden('router/powersupplyclass.prom', stable(text));
    expect(text).not.toMatch(/^node_power_supply_/m);
    expect(success(text, 'powersupplyclass')).toBe(0);
  });

  it('exports a battery and a charger, with units converted as node_exporter converts them', async () => {
    const text = await onTree(sysTree(supplies())).scrape();
    expect(text.split('\n').filter((l) => l.startsWith('node_power_supply_')).sort()).toEqual(
      [
        'node_power_supply_capacity{power_supply="bq27546-0"} 57',
        'node_power_supply_charge_ampere{power_supply="bq27546-0"} 1.624',
        'node_power_supply_charge_full_design{power_supply="bq27546-0"} 3',
        'node_power_supply_charge_full{power_supply="bq27546-0"} 2.85',
        'node_power_supply_current_ampere{power_supply="bq27546-0"} -0.412',
        'node_power_supply_current_max{power_supply="bq25890-charger"} 2',
        'node_power_supply_cyclecount{power_supply="bq27546-0"} 112',
        'node_power_supply_info{power_supply="bq25890-charger",type="USB",usb_type="Unknown SDP [DCP] CDP"} 1',
        'node_power_supply_info{power_supply="bq27546-0",capacity_level="Normal",manufacturer="Texas Instruments",model_name="bq27\uFFFD",status="Discharging",technology="Li-ion",type="Battery"} 1',
        'node_power_supply_input_current_limit{power_supply="bq25890-charger"} 1.5',
        'node_power_supply_online{power_supply="bq25890-charger"} 1',
        'node_power_supply_present{power_supply="bq27546-0"} 1',
        'node_power_supply_temp_celsius{power_supply="bq27546-0"} -5.2',
        'node_power_supply_time_to_empty_seconds{power_supply="bq27546-0"} 14160',
        'node_power_supply_voltage_volt{power_supply="bq25890-charger"} 5.12',
        'node_power_supply_voltage_volt{power_supply="bq27546-0"} 3.787',
      ].sort(),
    );
    expect(success(text, 'powersupplyclass')).toBe(1);
  });

  it('leaves out supplies matching --collector.powersupply.ignored-supplies', async () => {
    const text = await onTree(sysTree(supplies()), '--collector.powersupply.ignored-supplies=charger$').scrape();
    expect([...new Set([...text.matchAll(/power_supply="([^"]+)"/g)].map((m) => m[1]))]).toEqual(['bq27546-0']);
  });

  it('stops exporting a supply that went away (a USB power bank unplugged)', async () => {
    const sys = sysTree(supplies());
    const scraper = onTree(sys);
    expect(samples(await scraper.scrape(), 'node_power_supply_online')).toHaveLength(1);
    rmSync(join(sys, 'class/power_supply/bq25890-charger'));
    const text = await scraper.scrape();
    expect(samples(text, 'node_power_supply_online')).toEqual([]);
    expect(samples(text, 'node_power_supply_info')).toHaveLength(1);
  });

  it('exports nothing, successfully, when the class directory is empty', async () => {
    const text = await onTree(sysTree({ 'class/power_supply': { dir: true } })).scrape();
    expect(text).not.toMatch(/^node_power_supply_/m);
    expect(success(text, 'powersupplyclass')).toBe(1);
  });
});
