import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';

function procWithMeminfo(text: string | undefined): string {
  const root = mkdtempSync(join(tmpdir(), 'lte-meminfo-'));
  mkdirSync(join(root, 'proc'));
  mkdirSync(join(root, 'sys'));
  if (text !== undefined) writeFileSync(join(root, 'proc', 'meminfo'), text);
  return root;
}

const flags = (root: string): string[] => [`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, `--path.rootfs=${root}`, '--collector.disable-defaults', '--collector.meminfo'];
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');

describe('meminfo collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.meminfo']).scrape();
    expectGolden('router/meminfo.prom', stable(text));
    // One gauge per line of the fixture (45 lines).
    expect(text.match(/^node_memory_\S+ /gm)).toHaveLength(45);
    expect(samples(text, 'node_memory_MemTotal_bytes')).toEqual(['node_memory_MemTotal_bytes 518103040']); // 505960 kB
    expect(samples(text, 'node_memory_Active_anon_bytes')).toEqual(['node_memory_Active_anon_bytes 2437120']); // 2380 kB
    expect(samples(text, 'node_memory_VmallocTotal_bytes')).toEqual(['node_memory_VmallocTotal_bytes 136337025925120']);
    expect(samples(text, 'node_memory_HugePages_Total')).toEqual(['node_memory_HugePages_Total 4']);
    expect(samples(text, 'node_memory_Hugetlb_bytes')).toEqual(['node_memory_Hugetlb_bytes 8388608']);
    expect(text).toContain('# TYPE node_memory_HugePages_Free gauge');
    expect(text).toContain('# HELP node_memory_KReclaimable_bytes Memory information field KReclaimable_bytes.');
  });

  it('reports success 0 and exports nothing when /proc/meminfo is missing', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), '--collector.disable-defaults', '--collector.meminfo']).scrape();
    expect(text).not.toMatch(/^node_memory_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="meminfo"} 0']);
  });

  it('reports success 0 on a garbage file', async () => {
    const text = await fixtureScraper(flags(procWithMeminfo('\x00\x01 not meminfo\n'))).scrape();
    expect(text).not.toMatch(/^node_memory_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="meminfo"} 0']);
  });

  it('skips malformed lines and lines whose key makes no metric name, and exports the rest', async () => {
    const text = await fixtureScraper(flags(procWithMeminfo('MemTotal: 100 kB\nMemFree: lots kB\nWeird-Key: 5 kB\nZswap:  7 kB\nHugePages_Free:   2\n'))).scrape();
    expect(text.match(/^node_memory_\S+ .*$/gm)).toEqual(['node_memory_MemTotal_bytes 102400', 'node_memory_Zswap_bytes 7168', 'node_memory_HugePages_Free 2']);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="meminfo"} 1']);
  });

  it('drops a field that disappears between two scrapes', async () => {
    const root = procWithMeminfo('MemTotal: 100 kB\nZswap: 7 kB\n');
    const scraper = fixtureScraper(flags(root));
    expect(samples(await scraper.scrape(), 'node_memory_Zswap_bytes')).toEqual(['node_memory_Zswap_bytes 7168']);
    writeFileSync(join(root, 'proc', 'meminfo'), 'MemTotal: 100 kB\n');
    const text = await scraper.scrape();
    expect(text).not.toContain('node_memory_Zswap_bytes');
    expect(samples(text, 'node_memory_MemTotal_bytes')).toEqual(['node_memory_MemTotal_bytes 102400']);
  });
});
