import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: conntrack', () => {
  it('matches every node_nf_conntrack_* sample of node_exporter', async () => {
    const r = await runConformance(['conntrack'], 'node_nf_conntrack_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 10 families, 10\/10 expected samples matched/);
  });
});
