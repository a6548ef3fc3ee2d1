import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

describe.skipIf(!conformanceAvailable)('conformance: thermal_zone', () => {
  it('matches node_thermal_zone_temp and node_cooling_device_* of node_exporter', async () => {
    const r = await runConformance(['thermal_zone'], 'node_thermal_zone_temp|node_cooling_device_.*', [`--path.sysfs=${conformanceSysfsWithLinks()}`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 3\/3 expected/);
  });
});
