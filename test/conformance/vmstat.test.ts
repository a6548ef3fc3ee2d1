import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: vmstat', () => {
  it('matches every node_vmstat_* sample (the default --collector.vmstat.fields) of node_exporter', async () => {
    const r = await runConformance(['vmstat'], 'node_vmstat_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 7 families, 7\/7 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
});
