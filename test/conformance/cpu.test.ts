import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

// The cpu, stat and softirqs flags of node_exporter's e2e run (../shared/conformance/node_exporter/README.md).
const FLAGS = [
  '--collector.cpu.info',
  '--collector.cpu.info.bugs-include=^(cpu_meltdown|spectre_.*|mds)$',
  '--collector.cpu.info.flags-include=^(aes|avx.?|constant_tsc)$',
  '--collector.stat.softirq',
];

describe.skipIf(!conformanceAvailable)('conformance: cpu, stat, softirqs', () => {
  it('matches every node_cpu_* sample of the cpu collector', async () => {
    const r = await runConformance(
      ['cpu'],
      'node_cpu_(seconds_total|guest_seconds_total|info|frequency_hertz|flag_info|bug_info|core_throttles_total|package_throttles_total|isolated)',
      FLAGS,
    );
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 9 families, 115\/115 expected samples matched; 0 missing/);
  });
  it('matches every sample of the stat collector', async () => {
    const r = await runConformance(['stat'], 'node_(boot_time_seconds|context_switches_total|forks_total|intr_total|procs_running|procs_blocked|softirqs_total)', FLAGS);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 7 families, 16\/16 expected samples matched; 0 missing/);
  });
  it('matches every node_softirqs_functions_total sample of the softirqs collector', async () => {
    const r = await runConformance(['softirqs'], 'node_softirqs_functions_total', FLAGS);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 1 families, 20\/20 expected samples matched; 0 missing/);
  });
  it('matches all of them with the three collectors together', async () => {
    const r = await runConformance(
      ['cpu', 'stat', 'softirqs'],
      'node_cpu_(seconds_total|guest_seconds_total|info|frequency_hertz|flag_info|bug_info|core_throttles_total|package_throttles_total|isolated)|node_(boot_time_seconds|context_switches_total|forks_total|intr_total|procs_running|procs_blocked|softirqs_total|softirqs_functions_total)',
      FLAGS,
    );
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 17 families, 151\/151 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
});
