import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: zoneinfo', () => {
  it('matches node_zoneinfo_* of node_exporter', async () => {
    const r = await runConformance(['zoneinfo'], 'node_zoneinfo_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 97\/97 expected/);
  });
});
