import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';
import type { Node } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.bcachefs'];
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');
const FS = 'fs/bcachefs/0c7a4b5e-1111-2222-3333-444455556666';
const COUNTER = 'since mount:       1.5k\nsince filesystem creation:   2.25M';

async function scrapeTree(nodes: Record<string, Node>, log = recordingLogger()): Promise<string> {
  return fixtureScraper(sysTreeFlags(sysTree(nodes), ['bcachefs']), log).scrape();
}

describe('bcachefs collector', () => {
  it('matches the golden exposition on the router fixture (bcachefs on the NVMe disk)', async () => {
    expectGolden('router/bcachefs.prom', stable(await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape()));
  });

  it('reports no data (success 0, debug log only) without /sys/fs/bcachefs, as node_exporter', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY], log).scrape();
    expect(text).not.toMatch(/^node_bcachefs_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="bcachefs"} 0']);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it('reports no data with the module loaded but nothing mounted', async () => {
    const text = await scrapeTree({ 'fs/bcachefs': { dir: true } });
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="bcachefs"} 0']);
  });

  it('exports a filesystem whose optional files are missing, with sanitised counter names', async () => {
    const text = await scrapeTree({ [`${FS}/counters/odd-name.x`]: COUNTER, [`${FS}/dev-1/label`]: 'ssd' });
    expect(samples(text, 'node_bcachefs_odd_name_x_total')).toEqual(['node_bcachefs_odd_name_x_total{uuid="0c7a4b5e-1111-2222-3333-444455556666"} 2359296']);
    expect(text).toContain('# HELP node_bcachefs_odd_name_x_total Bcachefs counter odd-name.x since filesystem creation.');
    expect(samples(text, 'node_bcachefs_btree_cache_size_bytes')).toEqual(['node_bcachefs_btree_cache_size_bytes{uuid="0c7a4b5e-1111-2222-3333-444455556666"} 0']);
    expect(samples(text, 'node_bcachefs_device_info')).toEqual(['node_bcachefs_device_info{uuid="0c7a4b5e-1111-2222-3333-444455556666",device="1",label="ssd",state=""} 1']);
    expect(samples(text, 'node_bcachefs_device_buckets')).toEqual(['node_bcachefs_device_buckets{uuid="0c7a4b5e-1111-2222-3333-444455556666",device="1"} 0']);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="bcachefs"} 1']);
  });

  it.each([
    ['a counter file in an unknown format', { [`${FS}/counters/data_read`]: 'sectors: 12' }],
    ['a size that is not a number', { [`${FS}/btree_cache_size`]: 'lots' }],
    ['an error count that is not a number', { [`${FS}/errors`]: 'bset_bad_csum x 1' }],
    ['a negative bucket count', { [`${FS}/dev-0/nbuckets`]: '-1' }],
    ['garbage in io_done', { [`${FS}/dev-0/io_done`]: 'read:\nuser : 12M' }],
    ['a btree write count that is not a number', { [`${FS}/btree_write_stats`]: 'header\ninitial: 1.5 2k' }],
  ])('fails the collector (success 0, logged once) on %s', async (_name, nodes) => {
    const log = recordingLogger();
    const text = await scrapeTree(nodes, log);
    expect(text).not.toMatch(/^node_bcachefs_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="bcachefs"} 0']);
    expect(log.lines.filter((l) => l.startsWith('error'))).toHaveLength(1);
  });
});
