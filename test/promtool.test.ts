// `promtool check metrics` (Debian package prometheus) has nothing to say about our output.
import { describe, expect, it } from 'vitest';
import { COLLECTORS } from '../src/collectors/index.ts';
import { conformancePathFlags, conformanceAvailable } from './helpers/conformance.ts';
import { fixtureScraper, machineFlags } from './helpers/scrape.ts';
import { hasCommand, promtoolFindings } from './helpers/tools.ts';

const havePromtool = hasCommand('promtool');
if (!havePromtool) console.warn('promtool not installed (apt-get install prometheus): skipping promtool checks');

const everyCollector = COLLECTORS.map((d) => `--collector.${d.name}`);

describe.skipIf(!havePromtool)('promtool check metrics', () => {
  it('is silent on the router fixture with every collector and --compat.tiny', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...everyCollector, '--compat.tiny']).scrape();
    expect(promtoolFindings(text)).toEqual([]);
  });
  it.skipIf(!conformanceAvailable)("is silent on node_exporter's fixtures with every collector", async () => {
    const text = await fixtureScraper([...conformancePathFlags(), ...everyCollector]).scrape();
    expect(promtoolFindings(text)).toEqual([]);
  });
  it('is silent on this machine with the default collectors and exporter metrics', async () => {
    const { parseCli } = await import('../src/cli.ts');
    const { createScraper } = await import('../src/app.ts');
    const { silentLogger } = await import('../src/log.ts');
    const res = parseCli([], COLLECTORS);
    if (res.kind !== 'run') throw new Error('no config');
    const text = await createScraper(res.config, COLLECTORS, [], silentLogger).scrape();
    expect(promtoolFindings(text)).toEqual([]);
  });
});
