import { describe, expect, it } from 'vitest';
import { conformanceAvailable, helpLines, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: zfs', () => {
  it('matches node_zfs_* of node_exporter', async () => {
    const r = await runConformance(['zfs'], 'node_zfs_.*');
    expect(r.ok, r.output).toBe(true);
    // promdiff compares types, not HELP texts: those are compared here
    expect(helpLines('node_zfs_.*', r.text)).toEqual(helpLines('node_zfs_.*'));
    expect(r.summary).toMatch(/ 359\/359 expected/);
  });
});
