import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: pressure', () => {
  it('matches every node_pressure_* sample of node_exporter', async () => {
    const r = await runConformance(['pressure'], 'node_pressure_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 6 families, 6\/6 expected samples matched/);
  });
});
