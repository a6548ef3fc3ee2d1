import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';

function scrapeRandom(files: Record<string, string>): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'lte-entropy-'));
  const dir = join(root, 'proc', 'sys', 'kernel', 'random');
  mkdirSync(dir, { recursive: true });
  mkdirSync(join(root, 'sys'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return fixtureScraper([`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, '--collector.disable-defaults', '--collector.entropy']).scrape();
}

describe('entropy collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.entropy']).scrape();
    expectGolden('router/entropy.prom', stable(text));
    expect(samples(text, 'node_entropy_available_bits')).toEqual(['node_entropy_available_bits 256']);
    expect(samples(text, 'node_entropy_pool_size_bits')).toEqual(['node_entropy_pool_size_bits 256']);
  });
  it('serves an older kernel\'s 4096-bit pool', async () => {
    const text = await scrapeRandom({ entropy_avail: '3011\n', poolsize: '4096\n' });
    expect(samples(text, 'node_entropy_available_bits')).toEqual(['node_entropy_available_bits 3011']);
    expect(samples(text, 'node_entropy_pool_size_bits')).toEqual(['node_entropy_pool_size_bits 4096']);
  });
  it.each([
    ['no files', {}],
    ['poolsize missing', { entropy_avail: '256\n' }],
    ['entropy_avail missing', { poolsize: '256\n' }],
    ['garbage', { entropy_avail: 'plenty\n', poolsize: '256\n' }],
  ])('fails (success 0) with %s', async (_name, files: Record<string, string>) => {
    const text = await scrapeRandom(files);
    expect(text).not.toMatch(/^node_entropy/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="entropy"} 0']);
  });
});
