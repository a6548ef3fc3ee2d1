import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: drbd', () => {
  it('matches node_drbd_* of node_exporter', async () => {
    const r = await runConformance(['drbd'], 'node_drbd_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 17\/17 expected/);
  });
});
