import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { success } from './procTree.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.meminfo_numa'];
const onTree = (sys: string) => fixtureScraper(sysTreeFlags(sys, ['meminfo_numa']));
const node = (n: number, meminfo: string, numastat: string) => ({
  [`devices/system/node/node${n}/meminfo`]: meminfo,
  [`devices/system/node/node${n}/numastat`]: numastat,
});

describe('meminfo_numa collector', () => {
  it('matches the golden exposition on the router fixture: an OpenWrt kernel has no NUMA nodes, so nothing, successfully', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/meminfo_numa.prom', stable(text));
    expect(text).not.toMatch(/^node_memory_numa_/m);
    expect(success(text, 'meminfo_numa')).toBe(1);
  });
  it('exports each node\'s meminfo (bytes) and numastat (counters), the node number from the directory', async () => {
    const sys = sysTree({
      ...node(0, 'Node 0 MemTotal:        4030144 kB\nNode 0 Active(anon):      21280 kB\nNode 0 HugePages_Total:     2', 'numa_hit 193460\nnuma_miss 12'),
      ...node(1, 'Node 1 MemTotal:        4194304 kB', 'numa_hit 5'),
      'devices/system/node/possible': '0-1',
      'devices/system/node/nodefoo/meminfo': 'ignored',
    });
    const text = await onTree(sys).scrape();
    expect(samples(text, 'node_memory_numa_MemTotal')).toEqual(['node_memory_numa_MemTotal{node="0"} 4126867456', 'node_memory_numa_MemTotal{node="1"} 4294967296']);
    expect(samples(text, 'node_memory_numa_Active_anon')).toEqual(['node_memory_numa_Active_anon{node="0"} 21790720']);
    expect(samples(text, 'node_memory_numa_HugePages_Total')).toEqual(['node_memory_numa_HugePages_Total{node="0"} 2']);
    expect(samples(text, 'node_memory_numa_numa_hit_total')).toEqual(['node_memory_numa_numa_hit_total{node="0"} 193460', 'node_memory_numa_numa_hit_total{node="1"} 5']);
    expect(text).toContain('# TYPE node_memory_numa_numa_miss_total counter\n');
    expect(text).toContain('# HELP node_memory_numa_MemTotal Memory information field MemTotal.\n# TYPE node_memory_numa_MemTotal gauge\n');
  });
  it.each([
    ['a node without numastat', { 'devices/system/node/node0/meminfo': 'Node 0 MemTotal: 1 kB' }],
    ['a malformed meminfo line', node(0, 'Node 0 MemTotal:', 'numa_hit 1')],
    ['a malformed numastat line', node(0, 'Node 0 MemTotal: 1 kB', 'numa_hit one')],
  ])('fails the collector on %s, as node_exporter does', async (_name, files) => {
    const text = await onTree(sysTree(files)).scrape();
    expect(success(text, 'meminfo_numa')).toBe(0);
    expect(text).not.toMatch(/^node_memory_numa_/m);
  });
});
