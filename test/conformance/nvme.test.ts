import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: nvme', () => {
  it('matches node_nvme_* of node_exporter', async () => {
    const r = await runConformance(['nvme'], 'node_nvme_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 6\/6 expected/);
  });
});
