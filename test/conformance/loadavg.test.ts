import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: loadavg', () => {
  it('matches every node_load* sample of node_exporter', async () => {
    const r = await runConformance(['loadavg'], 'node_load(1|5|15)');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 3 /);
  });
});
