import { describe, expect, it, vi } from 'vitest';
import { fixtureScraper, machineFlags, samples } from '../helpers/scrape.ts';

// A runtime whose os module is incomplete: Deno's os.version() returns the release, and some runtimes lack
// os.machine() or fail os.hostname(). The collector falls back to <procfs>/sys/kernel.
vi.mock('node:os', async (importOriginal) => {
  const orig = await importOriginal<typeof import('node:os')>();
  return {
    ...orig,
    version: () => orig.release(),
    machine: undefined,
    hostname: () => {
      throw new Error('not implemented');
    },
  };
});

describe('uname collector on an incomplete os module', () => {
  it('takes version and nodename from <procfs>/sys/kernel and machine from process.arch', async () => {
    const { release, type } = await import('node:os');
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.uname']).scrape();
    const machine = ({ x64: 'x86_64', arm64: 'aarch64' } as Record<string, string>)[process.arch] ?? process.arch;
    expect(samples(text, 'node_uname_info')).toEqual([
      `node_uname_info{domainname="lan",machine="${machine}",nodename="OpenWrt",release="${release()}",sysname="${type()}",version="#0 SMP Fri Mar 22 22:09:42 2024"} 1`,
    ]);
  });
});
