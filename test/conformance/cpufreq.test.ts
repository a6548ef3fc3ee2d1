import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: cpufreq', () => {
  it('matches every node_cpu_scaling_* sample of node_exporter', async () => {
    const r = await runConformance(['cpufreq'], 'node_cpu_scaling_.*|node_cpu_frequency_(min|max)_hertz');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 4 families, 20\/20 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
  it('shares no family with the cpu collector run with --collector.cpu.info', async () => {
    const r = await runConformance(['cpu', 'cpufreq'], 'node_cpu_(frequency_hertz|frequency_min_hertz|frequency_max_hertz|scaling_.*)', ['--collector.cpu.info']);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 5 families, 28\/28 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
});
