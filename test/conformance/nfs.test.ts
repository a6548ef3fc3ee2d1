import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: nfs', () => {
  it('matches node_nfs_* of node_exporter', async () => {
    const r = await runConformance(['nfs'], 'node_nfs_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 105\/105 expected/);
  });
});
