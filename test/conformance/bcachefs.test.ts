import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: bcachefs', () => {
  it('matches node_bcachefs_* of node_exporter', async () => {
    const r = await runConformance(['bcachefs'], 'node_bcachefs_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 305\/305 expected/);
  });
});
