import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { success } from './procTree.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.dmi'];

describe('dmi collector', () => {
  it('matches the golden exposition on the router fixture (an N100 mini-PC with "Default string" firmware)', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/dmi.prom', stable(text));
    expect(success(text, 'dmi')).toBe(1);
  });

  it('reports no data (success 0, debug only) on a platform without DMI', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY], log).scrape();
    expect(text).not.toMatch(/^node_dmi_/m);
    expect(success(text, 'dmi')).toBe(0);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it('labels only the files present, makes invalid UTF-8 valid, ignores uevent/modalias and directories, and reads once', async () => {
    const sys = sysTree({
      'class/dmi/id/sys_vendor': 'Protectli',
      'class/dmi/id/product_name': Buffer.from([0x46, 0x57, 0x34, 0xb0, 0xb1, 0x0a]), // "FW4" + junk
      'class/dmi/id/chassis_type': '3',
      'class/dmi/id/uevent': 'MODALIAS=dmi:x',
      'class/dmi/id/power': { dir: true },
    });
    const scraper = fixtureScraper(sysTreeFlags(sys, ['dmi']));
    const first = await scraper.scrape();
    expect(samples(first, 'node_dmi_info')).toEqual(['node_dmi_info{product_name="FW4\uFFFD",system_vendor="Protectli"} 1']);
    // Read when first scraped, then kept (the table changes only at reboot).
    writeFileSync(join(sys, 'class/dmi/id/sys_vendor'), 'changed\n');
    rmSync(join(sys, 'class/dmi/id/product_name'));
    expect(samples(await scraper.scrape(), 'node_dmi_info')).toEqual(samples(first, 'node_dmi_info'));
  });

  it('exports nothing (no data) when the directory has no known file', async () => {
    const text = await fixtureScraper(sysTreeFlags(sysTree({ 'class/dmi/id/modalias': 'dmi:' }), ['dmi'])).scrape();
    expect(text).not.toMatch(/^node_dmi_/m);
    expect(success(text, 'dmi')).toBe(0);
  });
});
