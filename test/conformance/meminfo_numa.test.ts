import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

describe.skipIf(!conformanceAvailable)('conformance: meminfo_numa', () => {
  it('matches node_memory_numa_* (meminfo and numastat of three nodes) of node_exporter', async () => {
    const r = await runConformance(['meminfo_numa'], 'node_memory_numa_.*', [`--path.sysfs=${conformanceSysfsWithLinks()}`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 105\/105 expected/);
  });
});
