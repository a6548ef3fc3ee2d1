import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: zfs', () => {
  it('matches node_zfs_* of node_exporter', async () => {
    const r = await runConformance(['zfs'], 'node_zfs_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 359\/359 expected/);
  });
});
