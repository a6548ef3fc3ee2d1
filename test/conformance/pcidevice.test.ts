import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

describe.skipIf(!conformanceAvailable)('conformance: pcidevice', () => {
  it('matches every node_pcidevice_* sample of node_exporter', async () => {
    const r = await runConformance(['pcidevice'], 'node_pcidevice_.*', [`--path.sysfs=${conformanceSysfsWithLinks()}`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 12 families, 52\/52 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
});
