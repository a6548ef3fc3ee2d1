import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

describe.skipIf(!conformanceAvailable)('conformance: mdadm', () => {
  it('matches node_md_* of node_exporter', async () => {
    const r = await runConformance(['mdadm'], 'node_md_.*', [`--path.sysfs=${conformanceSysfsWithLinks()}`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 199\/199 expected/);
  });
});
