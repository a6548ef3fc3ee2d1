import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: softnet', () => {
  it('matches every node_softnet_* sample of node_exporter (11-column file, CPUs numbered by line)', async () => {
    const r = await runConformance(['softnet'], 'node_softnet_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 28\/28 expected/);
  });
});
