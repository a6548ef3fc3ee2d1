import { describe, expect, it } from 'vitest';
import { conformanceAvailable, helpLines, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: xfs', () => {
  it('matches node_xfs_* of node_exporter', async () => {
    const r = await runConformance(['xfs'], 'node_xfs_.*');
    expect(r.ok, r.output).toBe(true);
    // promdiff compares types, not HELP texts: those are compared here
    expect(helpLines('node_xfs_.*', r.text)).toEqual(helpLines('node_xfs_.*'));
    expect(r.summary).toMatch(/ 39\/39 expected/);
  });
});
