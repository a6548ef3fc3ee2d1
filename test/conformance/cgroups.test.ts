import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

// Off by default in node_exporter; its e2e test turns it on with no flags of its own.
describe.skipIf(!conformanceAvailable)('conformance: cgroups', () => {
  it('matches every node_cgroups_.* sample of node_exporter', async () => {
    const r = await runConformance(['cgroups'], 'node_cgroups_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 24\/24 expected/);
  });
});
