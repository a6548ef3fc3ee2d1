import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

// node_exporter's e2e test runs ipvs with its default --collector.ipvs.backend-labels (all six labels).
describe.skipIf(!conformanceAvailable)('conformance: ipvs', () => {
  it('matches every node_ipvs_* sample of node_exporter', async () => {
    const r = await runConformance(['ipvs'], 'node_ipvs_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 35\/35 expected/);
  });
});
