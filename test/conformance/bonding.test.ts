import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

// The slaves' bonding_slave/mii_status is read through the master's lower_<slave> links, which the
// conformance tree stores as files: read it with its links restored, as node_exporter had it.
describe.skipIf(!conformanceAvailable)('conformance: bonding', () => {
  it('matches every node_bonding_* sample of node_exporter', async () => {
    const r = await runConformance(['bonding'], 'node_bonding_.*', [`--path.sysfs=${conformanceSysfsWithLinks()}`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 6\/6 expected/);
  });
});
