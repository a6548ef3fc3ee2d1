import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: kernel_hung', () => {
  it('matches node_kernel_hung_tasks_total of node_exporter', async () => {
    const r = await runConformance(['kernel_hung'], 'node_kernel_hung_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 1 families, 1\/1 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
});
