import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: processes', () => {
  it('matches every node_processes_* sample of node_exporter', async () => {
    const r = await runConformance(['processes'], 'node_processes_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 5 families, 6\/6 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
});
