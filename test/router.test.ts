// The whole exposition of the OpenWrt-like router fixture with the default collectors (and the
// textfile directory set), against a golden file: every family, label and value at once, in order.
import { describe, expect, it } from 'vitest';
import { hermetic, ROUTER_FLAGS } from './helpers/router.ts';
import { expectGolden, fixtureScraper, samples } from './helpers/scrape.ts';
import { hasCommand, promtoolFindings } from './helpers/tools.ts';

describe('the router fixture, default collectors', () => {
  it('serves the golden exposition', async () => {
    const scraper = fixtureScraper(ROUTER_FLAGS);
    expectGolden('router/all-defaults.prom', hermetic(await scraper.scrape()));
  });
  it('has every default collector succeed except those whose hardware the router lacks (no data, as node_exporter says it)', async () => {
    const text = await fixtureScraper(ROUTER_FLAGS).scrape();
    const failed = samples(text, 'node_scrape_collector_success').filter((l) => l.endsWith(' 0'));
    // No battery or UPS, no Fibre Channel HBA, no InfiniBand/RDMA adapter, no tape drive.
    expect(failed).toEqual(['powersupplyclass', 'fibrechannel', 'infiniband', 'tapestats'].map((c) => `node_scrape_collector_success{collector="${c}"} 0`).sort());
  });
  it.skipIf(!hasCommand('promtool'))('passes promtool check metrics', async () => {
    expect(promtoolFindings(await fixtureScraper(ROUTER_FLAGS).scrape())).toEqual([]);
  });
});
