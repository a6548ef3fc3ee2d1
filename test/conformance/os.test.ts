import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

// The conformance tree has no etc/os-release: node_exporter fell back to usr/lib/os-release.
describe.skipIf(!conformanceAvailable)('conformance: os', () => {
  it('matches every node_os_* sample of node_exporter', async () => {
    const r = await runConformance(['os'], 'node_os_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 2\/2 expected/);
  });
});
