import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

// The sysctl flags of node_exporter's end-to-end-test.sh, repeated flags and all.
const E2E_FLAGS = [
  '--collector.sysctl.include-info=kernel.seccomp.actions_avail',
  '--collector.sysctl.include=fs.file-nr',
  '--collector.sysctl.include=fs.file-nr:total,current,max',
  '--collector.sysctl.include=kernel.threads-max',
];

describe.skipIf(!conformanceAvailable)('conformance: sysctl', () => {
  it('matches node_sysctl_* (indexed, mapped, single and info) of node_exporter with its e2e flags', async () => {
    const r = await runConformance(['sysctl'], 'node_sysctl_.*', E2E_FLAGS);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 15\/15 expected/);
  });
});
