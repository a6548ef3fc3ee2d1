import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';
import { success } from './procTree.ts';

const ksm = (files: Record<string, string>) => sysTree(Object.fromEntries(Object.entries(files).map(([k, v]) => [`kernel/mm/ksm/${k}`, v])));
const onTree = (sys: string) => fixtureScraper(sysTreeFlags(sys, ['ksmd']));

describe('ksmd collector', () => {
  it('matches the golden exposition on the router fixture: OpenWrt builds no KSM, so nothing, successfully', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.ksmd'], log).scrape();
    expectGolden('router/ksmd.prom', stable(text));
    expect(text).not.toMatch(/^node_ksmd_/m);
    expect(success(text, 'ksmd')).toBe(1);
    expect(log.lines.filter((l) => !l.startsWith('debug '))).toEqual([]);
  });
  it('exports each attribute there is, sleep in seconds, skipping the missing ones (general_profit is 6.1+)', async () => {
    const text = await onTree(ksm({ full_scans: '323', merge_across_nodes: '1', pages_shared: '1', pages_sharing: '255', pages_to_scan: '100', pages_unshared: '0', pages_volatile: '0', run: '1', sleep_millisecs: '7' })).scrape();
    expect(text.split('\n').filter((l) => l.startsWith('node_ksmd_'))).toEqual([
      'node_ksmd_full_scans_total 323',
      'node_ksmd_merge_across_nodes 1',
      'node_ksmd_pages_shared 1',
      'node_ksmd_pages_sharing 255',
      'node_ksmd_pages_to_scan 100',
      'node_ksmd_pages_unshared 0',
      'node_ksmd_pages_volatile 0',
      'node_ksmd_run 1',
      'node_ksmd_sleep_seconds 0.007',
    ]);
    expect(text).toContain('# TYPE node_ksmd_full_scans_total counter\n');
  });
  it.each([
    ['a negative number', '-1'],
    ['text', 'on'],
  ])('fails the collector on %s, as node_exporter does', async (_name, value) => {
    const text = await onTree(ksm({ full_scans: '1', run: value })).scrape();
    expect(success(text, 'ksmd')).toBe(0);
    expect(samples(text, 'node_ksmd_run')).toEqual([]);
  });
});
