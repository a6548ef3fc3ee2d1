import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: xfs', () => {
  it('matches node_xfs_* of node_exporter', async () => {
    const r = await runConformance(['xfs'], 'node_xfs_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 39\/39 expected/);
  });
});
