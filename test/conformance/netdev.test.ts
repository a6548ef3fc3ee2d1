import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { FIXTURES } from '../helpers/scrape.ts';

// node_exporter's e2e test ran netdev with --collector.netdev.device-include=lo and its default
// --collector.netdev.netlink: the 13 node_network_{receive,transmit}_*_total{device="lo"} samples of
// e2e-output.txt (its bytes and packets are dropped from the file) are the CI host's loopback, read
// over rtnetlink, not the fixtures (which have no proc/net/dev). We read /proc/net/dev and
// statistics/rx_nohandler: test/fixtures/netdev-lo holds a loopback's, whose error, drop and
// multicast counters are 0 as on any host, so names, labels, types and values can be compared.
describe.skipIf(!conformanceAvailable)('conformance: netdev', () => {
  it('matches the 13 loopback samples node_exporter read from its host', async () => {
    const lo = join(FIXTURES, 'netdev-lo');
    const r = await runConformance(['netdev'], 'node_network_(receive|transmit)_\\w+_total', [
      `--path.procfs=${join(lo, 'proc')}`,
      `--path.sysfs=${join(lo, 'sys')}`,
      '--collector.netdev.device-include=lo',
    ]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 13\/13 expected/);
  });
});
