import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli.ts';
import { COLLECTORS } from '../../src/collectors/index.ts';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

// What a router's operator would watch: forwarding on, conntrack's ceiling, TCP buffer sizes, file handles.
const ROUTER_FLAGS = [
  '--collector.sysctl.include=net.ipv4.ip_forward',
  '--collector.sysctl.include=net.netfilter.nf_conntrack_max',
  '--collector.sysctl.include=net.ipv4.tcp_rmem',
  '--collector.sysctl.include=fs.file-nr:allocated,unused,max',
  '--collector.sysctl.include-info=net.ipv4.tcp_congestion_control',
  '--collector.sysctl.include-info=net.ipv4.tcp_available_congestion_control',
];
const router = (...flags: string[]) => fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.sysctl', ...flags]);

describe('sysctl collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await router(...ROUTER_FLAGS).scrape();
    expectGolden('router/sysctl.prom', stable(text));
    // Families come out as our families layer orders them (node_sysctl_info, declared as a gauge, first).
    expect(text.split('\n').filter((l) => l.startsWith('node_sysctl_'))).toEqual([
      'node_sysctl_info{name="net.ipv4.tcp_congestion_control",value="cubic",index="0"} 1',
      'node_sysctl_info{name="net.ipv4.tcp_available_congestion_control",value="reno",index="0"} 1',
      'node_sysctl_info{name="net.ipv4.tcp_available_congestion_control",value="cubic",index="1"} 1',
      'node_sysctl_net_ipv4_ip_forward 1',
      'node_sysctl_net_netfilter_nf_conntrack_max 16384',
      'node_sysctl_net_ipv4_tcp_rmem{index="0"} 4096',
      'node_sysctl_net_ipv4_tcp_rmem{index="1"} 131072',
      'node_sysctl_net_ipv4_tcp_rmem{index="2"} 6291456',
      'node_sysctl_fs_file_nr_allocated 1312',
      'node_sysctl_fs_file_nr_unused 0',
      'node_sysctl_fs_file_nr_max 48486',
    ]);
    expect(text).toContain('# HELP node_sysctl_fs_file_nr_max sysctl fs.file-nr, field 2\n# TYPE node_sysctl_fs_file_nr_max untyped\n');
  });
  it('exports nothing, successfully, with no sysctl named', async () => {
    const text = await router().scrape();
    expect(text).not.toMatch(/^node_sysctl_/m);
    expect(success(text, 'sysctl')).toBe(1);
  });
  it.each([
    ['a sysctl that does not exist', ['--collector.sysctl.include=net.ipv4.nope']],
    ['text asked for as a number', ['--collector.sysctl.include=net.ipv4.tcp_congestion_control']],
    ['field names for a single value', ['--collector.sysctl.include=net.ipv4.ip_forward:on']],
    ['the wrong number of field names', ['--collector.sysctl.include=fs.file-nr:allocated,max']],
    ['field names for text', ['--collector.sysctl.include-info=net.ipv4.tcp_available_congestion_control:a,b']],
    ['a field name that makes no metric name', ['--collector.sysctl.include=net.ipv4.tcp_rmem:min,default,max-bytes']],
  ])('fails the collector on %s, as node_exporter does', async (_name, flags) => {
    const text = await router(...flags).scrape();
    expect(success(text, 'sysctl')).toBe(0);
    expect(text).not.toMatch(/^node_sysctl_/m);
  });
  it('fails on an empty sysctl, and reads only the first 128 bytes, as procfs\'s SysReadFile', async () => {
    const long = Array.from({ length: 40 }, (_, i) => String(1000 + i)).join('\t'); // 199 bytes
    const root = procTree({ 'sys/kernel/empty': '\n', 'sys/kernel/long': `${long}\n` });
    expect(success(await treeScraper(root, ['sysctl'], ['--collector.sysctl.include=kernel.empty']).scrape(), 'sysctl')).toBe(0);
    const text = await treeScraper(root, ['sysctl'], ['--collector.sysctl.include=kernel.long']).scrape();
    expect(samples(text, 'node_sysctl_kernel_long')).toHaveLength(26); // 25 whole values (5 bytes each) and "102" of the 26th
    expect(samples(text, 'node_sysctl_kernel_long')[25]).toBe('node_sysctl_kernel_long{index="25"} 102');
  });
  it('declares its flags repeatable (kingpin Strings)', () => {
    const r = parseCli(['--collector.sysctl.include=a', '--collector.sysctl.include=b'], COLLECTORS);
    expect(r.kind === 'run' && r.config.flags.strings('collector.sysctl.include')).toEqual(['a', 'b']);
  });
});
