import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { FIXTURES } from '../helpers/scrape.ts';

// node_exporter's wifi fixtures are JSON for its netlink mock; test/fixtures/iw/node-exporter-e2e holds
// the same interfaces and stations as iw would print them, so names, labels, types, HELP and values can
// be compared with what node_exporter 1.12.1 serves.
describe.skipIf(!conformanceAvailable)('conformance: wifi', () => {
  afterEach(() => {
    delete process.env.IW_FIXTURE;
  });
  it('matches every node_wifi_* sample of node_exporter', async () => {
    process.env.IW_FIXTURE = 'node-exporter-e2e';
    const r = await runConformance(['wifi'], 'node_wifi_.*', [`--path.sysfs=${join(FIXTURES, 'iw', 'sys')}`, `--collector.wifi.iw=${join(FIXTURES, 'iw', 'fake-iw')}`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 27\/27 expected/);
  });
});
