import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: nfsd', () => {
  it('matches node_nfsd_* of node_exporter', async () => {
    const r = await runConformance(['nfsd'], 'node_nfsd_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 90\/90 expected/);
  });
});
