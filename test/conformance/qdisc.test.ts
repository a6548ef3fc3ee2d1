import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { FIXTURES } from '../helpers/scrape.ts';

// node_exporter's e2e test reads its qdisc fixture (collector/fixtures/qdisc/results.json, the records of
// its netlink library) through --collector.qdisc.fixtures. Ours reads what tc prints:
// test/fixtures/tc/node-exporter-e2e/tc-qdisc.json holds the same two qdiscs as `tc -s -j qdisc show`
// would print them. The other flag is the e2e test's own.
describe.skipIf(!conformanceAvailable)('conformance: qdisc', () => {
  it('matches every node_qdisc_* sample of node_exporter', async () => {
    const r = await runConformance(['qdisc'], 'node_qdisc_.*', ['--collector.qdisc.device-include=(wlan0|eth0)', `--collector.qdisc.fixtures=${join(FIXTURES, 'tc', 'node-exporter-e2e')}/`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 14\/14 expected/);
  });

  it('matches them with tc run for real (a stand-in printing the same output)', async () => {
    process.env.TC_FIXTURE = join(FIXTURES, 'tc', 'node-exporter-e2e');
    try {
      const r = await runConformance(['qdisc'], 'node_qdisc_.*', ['--collector.qdisc.device-include=(wlan0|eth0)', `--collector.qdisc.tc=${join(FIXTURES, 'tc', 'fake-tc')}`]);
      expect(r.ok, r.output).toBe(true);
      expect(r.summary).toMatch(/ 14\/14 expected/);
    } finally {
      delete process.env.TC_FIXTURE;
    }
  });
});
