import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: entropy', () => {
  it('matches every node_entropy_* sample of node_exporter', async () => {
    const r = await runConformance(['entropy'], 'node_entropy_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 2 families, 2\/2 expected samples matched/);
  });
});
