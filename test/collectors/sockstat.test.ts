import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageSize } from '../../src/pageSize.ts';
import { FIXTURES, expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { machineTree, machineTreeFlags } from './machineTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.sockstat'];
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');
const names = (text: string): string[] => [...text.matchAll(/^(node_sockstat_\S+) /gm)].map((m) => m[1] ?? '');
const routerFile = (f: string): string => readFileSync(join(FIXTURES, 'router/proc/net', f), 'utf8');
const onTree = (files: Record<string, string>) => fixtureScraper(machineTreeFlags(machineTree(files), ['sockstat']));

describe('sockstat collector', () => {
  // The golden file holds *_mem_bytes for 4 KiB pages, the page size of the machines it is checked on.
  it.skipIf(pageSize() !== 4096)('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/sockstat.prom', stable(text));
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="sockstat"} 1']);
  });

  it('exports every value of both files, and mem in bytes with the page size', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expect(names(text)).toHaveLength(20);
    expect(samples(text, 'node_sockstat_sockets_used')).toEqual(['node_sockstat_sockets_used 187']);
    expect(samples(text, 'node_sockstat_TCP_orphan')).toEqual(['node_sockstat_TCP_orphan 1']);
    expect(samples(text, 'node_sockstat_TCP_mem_bytes')).toEqual([`node_sockstat_TCP_mem_bytes ${3 * pageSize()}`]);
    expect(samples(text, 'node_sockstat_UDP_mem_bytes')).toEqual([`node_sockstat_UDP_mem_bytes ${6 * pageSize()}`]);
    expect(samples(text, 'node_sockstat_FRAG6_memory')).toEqual(['node_sockstat_FRAG6_memory 0']);
    expect(samples(text, 'node_sockstat_RAW6_inuse')).toEqual(['node_sockstat_RAW6_inuse 2']);
    // memory is already in bytes: no FRAG_memory_bytes.
    expect(names(text).filter((n) => n.startsWith('node_sockstat_FRAG'))).toEqual(['node_sockstat_FRAG_inuse', 'node_sockstat_FRAG_memory', 'node_sockstat_FRAG6_inuse', 'node_sockstat_FRAG6_memory']);
    expect(text).toContain('# HELP node_sockstat_TCP_tw Number of TCP sockets in state tw.\n# TYPE node_sockstat_TCP_tw gauge\n');
  });

  it('works with IPv6 disabled (no sockstat6), and with neither file', async () => {
    const v4only = await onTree({ 'proc/net/sockstat': routerFile('sockstat') }).scrape();
    expect(names(v4only)).toHaveLength(14);
    expect(success(v4only)).toEqual(['node_scrape_collector_success{collector="sockstat"} 1']);
    const none = await onTree({}).scrape();
    expect(names(none)).toEqual([]);
    expect(success(none)).toEqual(['node_scrape_collector_success{collector="sockstat"} 1']);
  });

  it('reports success 0 on a garbage file', async () => {
    const text = await onTree({ 'proc/net/sockstat': routerFile('sockstat'), 'proc/net/sockstat6': 'garbage\n' }).scrape();
    expect(names(text)).toEqual([]);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="sockstat"} 0']);
  });

  it('skips a malformed line and keeps the others', async () => {
    const text = await onTree({ 'proc/net/sockstat': routerFile('sockstat').replace('TCP: inuse 14 orphan 1', 'TCP: inuse 14 orphan x'), 'proc/net/sockstat6': routerFile('sockstat6') }).scrape();
    expect(names(text).some((n) => n.startsWith('node_sockstat_TCP_'))).toBe(false);
    expect(samples(text, 'node_sockstat_UDP_inuse')).toEqual(['node_sockstat_UDP_inuse 11']);
    expect(samples(text, 'node_sockstat_TCP6_inuse')).toEqual(['node_sockstat_TCP6_inuse 6']);
  });
});
