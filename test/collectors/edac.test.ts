import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { success } from './procTree.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.edac'];
const mc = 'devices/system/edac/mc';

describe('edac collector', () => {
  it('matches the golden exposition on the router fixture (in-band ECC, one corrected error)', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/edac.prom', stable(text));
    expect(samples(text, 'node_edac_channel_correctable_errors_total')).toEqual([
      'node_edac_channel_correctable_errors_total{controller="0",csrow="0",channel="0",dimm_label="mc0_channel0slot0"} 1',
    ]);
  });

  it('exports nothing, successfully, without EDAC (as node_exporter: its glob finds no controller)', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY], log).scrape();
    expect(text).not.toMatch(/^node_edac_/m);
    expect(success(text, 'edac')).toBe(1);
    expect(log.lines).toEqual([]);
  });

  it('labels a channel without dimm_label "unknown" and leaves out a channel ue_count it cannot read', async () => {
    const sys = sysTree({
      [`${mc}/mc1/ce_count`]: '7',
      [`${mc}/mc1/ce_noinfo_count`]: '0',
      [`${mc}/mc1/ue_count`]: '0',
      [`${mc}/mc1/ue_noinfo_count`]: '0',
      [`${mc}/mc1/csrow10/ce_count`]: '7',
      [`${mc}/mc1/csrow10/ue_count`]: '0',
      [`${mc}/mc1/csrow10/ch3_ce_count`]: '7',
      [`${mc}/mc1/csrow10/ch3_ue_count`]: 'N/A',
      [`${mc}/mc1/csrow10/chx_ce_count`]: '1',
      [`${mc}/mcx/ce_count`]: '9',
    });
    const text = await fixtureScraper(sysTreeFlags(sys, ['edac'])).scrape();
    expect(samples(text, 'node_edac_channel_correctable_errors_total')).toEqual([
      'node_edac_channel_correctable_errors_total{controller="1",csrow="10",channel="3",dimm_label="unknown"} 7',
    ]);
    expect(samples(text, 'node_edac_channel_uncorrectable_errors_total')).toEqual([]);
    expect(samples(text, 'node_edac_correctable_errors_total')).toEqual(['node_edac_correctable_errors_total{controller="1"} 7']);
    expect(success(text, 'edac')).toBe(1);
  });

  it('fails (success 0) when a controller counter is missing or does not parse', async () => {
    for (const ce of [undefined, '-1', '1.5']) {
      const files: Record<string, string> = { [`${mc}/mc0/ce_noinfo_count`]: '0', [`${mc}/mc0/ue_count`]: '0', [`${mc}/mc0/ue_noinfo_count`]: '0' };
      if (ce !== undefined) files[`${mc}/mc0/ce_count`] = ce;
      const text = await fixtureScraper(sysTreeFlags(sysTree(files), ['edac'])).scrape();
      expect(text).not.toMatch(/^node_edac_/m);
      expect(success(text, 'edac')).toBe(0);
    }
  });
});
