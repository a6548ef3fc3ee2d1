import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

// The chip filter node_exporter's e2e test ran with (see the conformance README).
const CHIP_INCLUDE = '--collector.hwmon.chip-include=(applesmc|asus_nb_wmi|coretemp|hwmon4|ieee80211|nct6779)';

describe.skipIf(!conformanceAvailable)('conformance: hwmon', () => {
  it('matches every node_hwmon_* sample of node_exporter', async () => {
    const r = await runConformance(['hwmon'], 'node_hwmon_.*', [`--path.sysfs=${conformanceSysfsWithLinks()}`, CHIP_INCLUDE]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 137\/137 expected/);
  });
});
