import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { success } from './procTree.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.cpu_vulnerabilities'];
const DIR = 'devices/system/cpu/vulnerabilities';

describe('cpu_vulnerabilities collector', () => {
  it('matches the golden exposition on the router fixture (a Cortex-A53: spectre_v1 mitigated, the rest not affected)', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/cpu_vulnerabilities.prom', stable(text));
    expect(samples(text, 'node_cpu_vulnerabilities_info')).toHaveLength(13);
    expect(samples(text, 'node_cpu_vulnerabilities_info')).toContain('node_cpu_vulnerabilities_info{codename="spectre_v1",state="mitigation",mitigation="__user pointer sanitization"} 1');
  });
  it('exports nothing, successfully, without the vulnerabilities directory (as procfs\'s glob)', async () => {
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY]).scrape();
    expect(text).not.toMatch(/^node_cpu_vulnerabilities_/m);
    expect(success(text, 'cpu_vulnerabilities')).toBe(1);
  });
  it('keeps text in no known state whole, as state unknown; an unreadable entry fails the collector', async () => {
    const sys = sysTree({ [`${DIR}/odd`]: 'KVM: Vulnerable', [`${DIR}/mds`]: 'Vulnerable: Clear CPU buffers attempted, no microcode; SMT vulnerable' });
    const text = await fixtureScraper(sysTreeFlags(sys, ['cpu_vulnerabilities'])).scrape();
    expect(samples(text, 'node_cpu_vulnerabilities_info')).toEqual([
      'node_cpu_vulnerabilities_info{codename="mds",state="vulnerable",mitigation="Clear CPU buffers attempted, no microcode; SMT vulnerable"} 1',
      'node_cpu_vulnerabilities_info{codename="odd",state="unknown",mitigation="KVM: Vulnerable"} 1',
    ]);
    const broken = sysTree({ [`${DIR}/mds`]: 'Not affected', [`${DIR}/subdir`]: { dir: true } });
    expect(success(await fixtureScraper(sysTreeFlags(broken, ['cpu_vulnerabilities'])).scrape(), 'cpu_vulnerabilities')).toBe(0);
  });
});
