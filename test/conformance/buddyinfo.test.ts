import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: buddyinfo', () => {
  it('matches node_buddyinfo_blocks of node_exporter', async () => {
    const r = await runConformance(['buddyinfo'], 'node_buddyinfo_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 33\/33 expected/);
  });
});
