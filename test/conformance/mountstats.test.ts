import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceProcfsWithSelf } from './procfsWithSelf.ts';

describe.skipIf(!conformanceAvailable)('conformance: mountstats', () => {
  it('matches node_mountstats_nfs_* of node_exporter (proc/self -> 10, as node_exporter read it)', async () => {
    const r = await runConformance(['mountstats'], 'node_mountstats_.*', [`--path.procfs=${conformanceProcfsWithSelf()}`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 149\/149 expected/);
    expect(r.summary).toMatch(/ 0 extra/);
  });
});
