import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { machineTree, machineTreeFlags } from './machineTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.conntrack_table'];
const router = (...extra: string[]) => fixtureScraper([...machineFlags('router'), ...ONLY, ...extra]);
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');
const TABLE = readFileSync(join(FIXTURES, 'router/proc/net/nf_conntrack'), 'utf8');
const onTable = (table: string | undefined, ...extra: string[]) =>
  fixtureScraper(machineTreeFlags(machineTree(table === undefined ? {} : { 'proc/net/nf_conntrack': table }), ['conntrack_table'], extra));

describe('conntrack_table collector', () => {
  it('is off by default', async () => {
    const text = await fixtureScraper(machineFlags('router')).scrape();
    expect(text).not.toContain('collector="conntrack_table"');
  });

  it('matches the golden exposition on the router fixture', async () => {
    const text = await router().scrape();
    expectGolden('router/conntrack_table.prom', stable(text));
    expect(samples(text, 'node_nf_conntrack_table_entries')).toEqual([
      'node_nf_conntrack_table_entries{family="ipv4",protocol="tcp",state="ESTABLISHED"} 4',
      'node_nf_conntrack_table_entries{family="ipv4",protocol="tcp",state="TIME_WAIT"} 1',
      'node_nf_conntrack_table_entries{family="ipv4",protocol="tcp",state="SYN_SENT"} 1',
      'node_nf_conntrack_table_entries{family="ipv4",protocol="udp",state=""} 4',
      'node_nf_conntrack_table_entries{family="ipv4",protocol="icmp",state=""} 1',
      'node_nf_conntrack_table_entries{family="ipv4",protocol="unknown",state=""} 1',
      'node_nf_conntrack_table_entries{family="ipv6",protocol="tcp",state="ESTABLISHED"} 1',
      'node_nf_conntrack_table_entries{family="ipv6",protocol="udp",state=""} 1',
      'node_nf_conntrack_table_entries{family="ipv6",protocol="icmpv6",state=""} 1',
    ]);
    expect(samples(text, 'node_nf_conntrack_table_nat_entries')).toEqual([
      'node_nf_conntrack_table_nat_entries{family="ipv4",protocol="tcp",type="snat"} 3',
      'node_nf_conntrack_table_nat_entries{family="ipv4",protocol="tcp",type="dnat"} 1',
      'node_nf_conntrack_table_nat_entries{family="ipv4",protocol="udp",type="snat"} 2',
      'node_nf_conntrack_table_nat_entries{family="ipv4",protocol="icmp",type="snat"} 1',
    ]);
    expect(samples(text, 'node_nf_conntrack_table_scanned_entries')).toEqual(['node_nf_conntrack_table_scanned_entries 15']);
    expect(samples(text, 'node_nf_conntrack_table_truncated')).toEqual(['node_nf_conntrack_table_truncated 0']);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="conntrack_table"} 1']);
  });

  it('stops at --collector.conntrack_table.max-entries and says so', async () => {
    const text = await router('--collector.conntrack_table.max-entries=5').scrape();
    expect(samples(text, 'node_nf_conntrack_table_scanned_entries')).toEqual(['node_nf_conntrack_table_scanned_entries 5']);
    expect(samples(text, 'node_nf_conntrack_table_truncated')).toEqual(['node_nf_conntrack_table_truncated 1']);
    const exact = await router('--collector.conntrack_table.max-entries=15').scrape();
    expect(samples(exact, 'node_nf_conntrack_table_truncated')).toEqual(['node_nf_conntrack_table_truncated 0']);
  });

  it('stops at --collector.conntrack_table.timeout on a big table', async () => {
    // 200,000 entries (~40 MB): far more than 1 ms of reading.
    const line = TABLE.split('\n')[0] as string;
    const big = `${line}\n`.repeat(200_000);
    const text = await onTable(big, '--collector.conntrack_table.timeout=1ms', '--collector.conntrack_table.max-entries=1000000').scrape();
    expect(samples(text, 'node_nf_conntrack_table_truncated')).toEqual(['node_nf_conntrack_table_truncated 1']);
    const scanned = Number(samples(text, 'node_nf_conntrack_table_scanned_entries')[0]?.split(' ')[1]);
    expect(scanned).toBeGreaterThan(0);
    expect(scanned).toBeLessThan(200_000);
  });

  it('reads a table that ends without a newline, and skips malformed lines', async () => {
    const text = await onTable(`garbage line\n${TABLE.trimEnd()}`).scrape();
    expect(samples(text, 'node_nf_conntrack_table_scanned_entries')).toEqual(['node_nf_conntrack_table_scanned_entries 15']);
  });

  it('exports zero scanned entries for an empty table', async () => {
    const text = await onTable('').scrape();
    expect(samples(text, 'node_nf_conntrack_table_scanned_entries')).toEqual(['node_nf_conntrack_table_scanned_entries 0']);
    expect(samples(text, 'node_nf_conntrack_table_entries')).toEqual([]);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="conntrack_table"} 1']);
  });

  it('reports success 0 without the file or with nothing usable in it', async () => {
    for (const table of [undefined, 'garbage\nmore garbage\n']) {
      const text = await onTable(table).scrape();
      expect(text).not.toMatch(/^node_nf_conntrack_table_/m);
      expect(success(text)).toEqual(['node_scrape_collector_success{collector="conntrack_table"} 0']);
    }
  });

  it('refuses invalid flag values', () => {
    expect(() => router('--collector.conntrack_table.max-entries=0')).toThrow(/max-entries/);
    expect(() => router('--collector.conntrack_table.timeout=soon')).toThrow(/timeout/);
  });
});
