// The whole exposition of the OpenWrt-like router fixture with the default collectors (and the
// textfile directory set), against a golden file: every family, label and value at once, in order.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, expectGolden, fixtureScraper, machineFlags, samples, stable } from './helpers/scrape.ts';
import { hasCommand, promtoolFindings } from './helpers/tools.ts';

const flags = [...machineFlags('router'), `--collector.textfile.directory=${join(FIXTURES, 'router', 'textfile')}`];

/**
 * Without what comes from the test host rather than the fixture tree: the clock, statfs(2) of the mounts,
 * the checkout's location (in textfile's paths) and its files' mtimes.
 */
function hermetic(text: string): string {
  return stable(text)
    .split('\n')
    .filter((l) => !/^node_(time_seconds|filesystem_(avail_bytes|free_bytes|size_bytes|files|files_free))[ {]/.test(l))
    .map((l) => (l.startsWith('node_textfile_mtime_seconds{') ? l.replace(/ \d+$/, ' <mtime>') : l))
    .join('\n')
    .replaceAll(ROOT, '<root>');
}

describe('the router fixture, default collectors', () => {
  it('serves the golden exposition', async () => {
    const scraper = fixtureScraper(flags);
    expectGolden('router/all-defaults.prom', hermetic(await scraper.scrape()));
  });
  it('has every default collector succeed except powersupplyclass (the router has no power supply)', async () => {
    const text = await fixtureScraper(flags).scrape();
    const failed = samples(text, 'node_scrape_collector_success').filter((l) => l.endsWith(' 0'));
    expect(failed).toEqual(['node_scrape_collector_success{collector="powersupplyclass"} 0']);
  });
  it.skipIf(!hasCommand('promtool'))('passes promtool check metrics', async () => {
    expect(promtoolFindings(await fixtureScraper(flags).scrape())).toEqual([]);
  });
});
