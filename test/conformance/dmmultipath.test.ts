import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

// The multipath devices' slaves/ entries are empty directories in node_exporter's sys.ttar, which the
// unpacked shared tree lost; they are put back in this test process's own copy of the tree.
const SLAVES = ['dm-5/slaves/sdi', 'dm-5/slaves/sdj', 'dm-5/slaves/sdk', 'dm-5/slaves/sdl', 'dm-6/slaves/sdm', 'dm-6/slaves/sdn'];

describe.skipIf(!conformanceAvailable)('conformance: dmmultipath', () => {
  it('matches node_dmmultipath_* of node_exporter', async () => {
    const sys = conformanceSysfsWithLinks();
    for (const s of SLAVES) mkdirSync(join(sys, 'block', s), { recursive: true });
    const r = await runConformance(['dmmultipath'], 'node_dmmultipath_.*', [`--path.sysfs=${sys}`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 18\/18 expected/);
  });
});
