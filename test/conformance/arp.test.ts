import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

// node_exporter's e2e run read /proc/net/arp (--no-collector.arp.netlink) and left the fixture's "nope"
// device out (--collector.arp.device-exclude=nope).
describe.skipIf(!conformanceAvailable)('conformance: arp', () => {
  it('matches every node_arp_* sample of node_exporter', async () => {
    const r = await runConformance(['arp'], 'node_arp_.*', ['--no-collector.arp.netlink', '--collector.arp.device-exclude=nope']);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 1 families, 2\/2 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
});
