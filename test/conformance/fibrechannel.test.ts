import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: fibrechannel', () => {
  it('matches every node_fibrechannel_* sample of node_exporter', async () => {
    const r = await runConformance(['fibrechannel'], 'node_fibrechannel_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 15 families, 28\/28 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
});
