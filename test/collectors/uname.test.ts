import * as os from 'node:os';
import { describe, expect, it } from 'vitest';
import { fixtureScraper, machineFlags, samples } from '../helpers/scrape.ts';

const scrape = (machine: string): Promise<string> => fixtureScraper([...machineFlags(machine), '--collector.disable-defaults', '--collector.uname']).scrape();

// uname(2) describes the machine the tests run on, so there is no golden file; only domainname comes from
// the fixture's procfs.
describe('uname collector', () => {
  it('reports uname(2) with the domain name of the router fixture', async () => {
    const text = await scrape('router');
    expect(samples(text, 'node_uname_info')).toEqual([
      `node_uname_info{domainname="lan",machine="${os.machine()}",nodename="${os.hostname()}",release="${os.release()}",sysname="${os.type()}",version="${os.version()}"} 1`,
    ]);
    expect(text).toContain('# HELP node_uname_info Labeled system information as provided by the uname system call.\n# TYPE node_uname_info gauge\n');
  });

  it('matches uname -a where the command exists', async () => {
    const { execFileSync } = await import('node:child_process');
    let fields: string[];
    try {
      fields = ['-s', '-n', '-r', '-v', '-m'].map((f) => execFileSync('uname', [f], { encoding: 'utf8' }).trim());
    } catch {
      return;
    }
    const [s, n, r, v, m] = fields as [string, string, string, string, string];
    const line = samples(await scrape('router'), 'node_uname_info')[0];
    expect(line).toBe(`node_uname_info{domainname="lan",machine="${m}",nodename="${n}",release="${r}",sysname="${s}",version="${v}"} 1`);
  });

  it('says "(none)", as the kernel does for an unset domain, when procfs has no domainname', async () => {
    const text = await scrape('empty');
    expect(samples(text, 'node_uname_info')[0]).toMatch(/^node_uname_info\{domainname="\(none\)",machine="[^"]+",nodename="[^"]*",release="[^"]+",sysname="Linux",version="[^"]+"\} 1$/);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="uname"} 1']);
  });
});
