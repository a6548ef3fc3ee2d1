import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

describe.skipIf(!conformanceAvailable)('conformance: watchdog', () => {
  it('matches every node_watchdog_* sample of node_exporter (watchdog1: the empty directory restored)', async () => {
    const r = await runConformance(['watchdog'], 'node_watchdog_.*', [`--path.sysfs=${conformanceSysfsWithLinks()}`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 8 families, 9\/9 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
});
