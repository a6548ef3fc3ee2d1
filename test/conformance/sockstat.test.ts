import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { pageSize } from '../../src/pageSize.ts';

// *_mem_bytes are pages times the page size of the running kernel; e2e-output.txt was made with 4 KiB pages.
describe.skipIf(!conformanceAvailable || pageSize() !== 4096)('conformance: sockstat', () => {
  it('matches every node_sockstat_* sample of node_exporter', async () => {
    const r = await runConformance(['sockstat'], 'node_sockstat_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 20\/20 expected/);
  });
});
