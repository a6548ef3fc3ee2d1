import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: slabinfo', () => {
  it('matches node_slabinfo_* with the default slab filter of node_exporter', async () => {
    const r = await runConformance(['slabinfo'], 'node_slabinfo_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 20\/20 expected/);
  });
});
