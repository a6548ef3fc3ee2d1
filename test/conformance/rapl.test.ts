import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsAsInE2e } from './sysfsWithLinks.ts';

describe.skipIf(!conformanceAvailable)('conformance: rapl', () => {
  it('matches node_rapl_* of node_exporter, path label included', async () => {
    // The path label is --path.sysfs joined with class/powercap/<zone>: the e2e run's relative path.
    const { cwd, sysfs } = conformanceSysfsAsInE2e();
    const back = process.cwd();
    process.chdir(cwd);
    let r;
    try {
      r = await runConformance(['rapl'], 'node_rapl_.*', [`--path.sysfs=${sysfs}`]);
    } finally {
      process.chdir(back);
    }
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 2 families, 2\/2 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
});
