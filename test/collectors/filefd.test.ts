import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';

function scrapeFileNr(content: string | undefined): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'lte-filefd-'));
  mkdirSync(join(root, 'proc', 'sys', 'fs'), { recursive: true });
  mkdirSync(join(root, 'sys'));
  if (content !== undefined) writeFileSync(join(root, 'proc', 'sys', 'fs', 'file-nr'), content);
  return fixtureScraper([`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, '--collector.disable-defaults', '--collector.filefd']).scrape();
}

describe('filefd collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.filefd']).scrape();
    expectGolden('router/filefd.prom', stable(text));
    expect(samples(text, 'node_filefd_allocated')).toEqual(['node_filefd_allocated 1312']);
    expect(samples(text, 'node_filefd_maximum')).toEqual(['node_filefd_maximum 48486']);
  });
  it('fails (success 0) when file-nr is missing', async () => {
    const text = await scrapeFileNr(undefined);
    expect(text).not.toMatch(/^node_filefd/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="filefd"} 0']);
  });
  it('fails (success 0) on garbage', async () => {
    const text = await scrapeFileNr('1024\tlots\n');
    expect(text).not.toMatch(/^node_filefd/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="filefd"} 0']);
  });
  it('serves a LONG_MAX maximum (systemd default) as a float64', async () => {
    const text = await scrapeFileNr('9920\t0\t9223372036854775807\n');
    expect(samples(text, 'node_filefd_maximum')).toEqual(['node_filefd_maximum 9223372036854776000']);
  });
});
