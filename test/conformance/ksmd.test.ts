import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

describe.skipIf(!conformanceAvailable)('conformance: ksmd', () => {
  it('matches node_ksmd_* of node_exporter', async () => {
    const r = await runConformance(['ksmd'], 'node_ksmd_.*', [`--path.sysfs=${conformanceSysfsWithLinks()}`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 10\/10 expected/);
  });
});
