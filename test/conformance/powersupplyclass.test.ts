import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: powersupplyclass', () => {
  it('matches every node_power_supply_* sample of node_exporter', async () => {
    const r = await runConformance(['powersupplyclass'], 'node_power_supply_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 11 families, 12\/12 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
});
