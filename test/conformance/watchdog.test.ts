import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

describe.skipIf(!conformanceAvailable)('conformance: watchdog', () => {
  it('matches every node_watchdog_* sample of node_exporter', async () => {
    // node_exporter's sys.ttar has an empty directory class/watchdog/watchdog1 (a watchdog without
    // attributes, exported with empty info labels); the unpacked shared copy lost empty directories,
    // so the temporary copy gets it back.
    const sys = conformanceSysfsWithLinks();
    mkdirSync(join(sys, 'class', 'watchdog', 'watchdog1'), { recursive: true });
    const r = await runConformance(['watchdog'], 'node_watchdog_.*', [`--path.sysfs=${sys}`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 8 families, 9\/9 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
});
