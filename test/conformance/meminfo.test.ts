import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: meminfo', () => {
  it('matches every node_memory_* sample of node_exporter (meminfo_numa aside)', async () => {
    const r = await runConformance(['meminfo'], 'node_memory_(?!numa_).*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 42\/42 expected/);
  });
});
