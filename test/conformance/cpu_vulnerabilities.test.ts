import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

describe.skipIf(!conformanceAvailable)('conformance: cpu_vulnerabilities', () => {
  it('matches node_cpu_vulnerabilities_info of node_exporter', async () => {
    const r = await runConformance(['cpu_vulnerabilities'], 'node_cpu_vulnerabilities_.*', [`--path.sysfs=${conformanceSysfsWithLinks()}`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 5\/5 expected/);
  });
});
