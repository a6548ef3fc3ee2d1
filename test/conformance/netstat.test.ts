import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: netstat', () => {
  it('matches every node_netstat_* sample of node_exporter (default field filter)', async () => {
    const r = await runConformance(['netstat'], 'node_netstat_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 41\/41 expected/);
  });
});
