import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: interrupts', () => {
  it('matches every node_interrupts_total sample of node_exporter', async () => {
    const r = await runConformance(['interrupts'], 'node_interrupts_total');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 1 families, 112\/112 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
});
