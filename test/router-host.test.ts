// The router golden holds only what comes from the fixture tree: on a host with another kernel build,
// host name, CPU (os.* stands in for uname(2) of such a machine) and time zone, the exporter reports that host's
// uname, and the golden still passes.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hermetic, ROUTER_FLAGS } from './helpers/router.ts';
import { expectGolden, fixtureScraper, samples } from './helpers/scrape.ts';

const OTHER_HOST = {
  release: '5.15.0-1-"odd"\\build',
  version: '#42~other SMP Tue Jan 2 03:04:05 UTC 2024',
  hostname: 'ci-runner-7',
  machine: 'aarch64',
  type: 'Linux',
};

vi.mock('node:os', async (importOriginal) => {
  const orig = await importOriginal<typeof import('node:os')>();
  return { ...orig, release: () => OTHER_HOST.release, version: () => OTHER_HOST.version, hostname: () => OTHER_HOST.hostname, machine: () => OTHER_HOST.machine, type: () => OTHER_HOST.type };
});

describe('the router golden on another host', () => {
  // ... in another time zone too (Go's rules: $TZ names a zoneinfo file; the exporter reports its offset).
  const tz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Asia/Kathmandu';
  });
  afterAll(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });
  it("reports the other host's uname(2) as it is", async () => {
    const text = await fixtureScraper(ROUTER_FLAGS).scrape();
    expect(samples(text, 'node_uname_info')).toEqual([
      'node_uname_info{domainname="lan",machine="aarch64",nodename="ci-runner-7",release="5.15.0-1-\\"odd\\"\\\\build",sysname="Linux",version="#42~other SMP Tue Jan 2 03:04:05 UTC 2024"} 1',
    ]);
  });
  it('still matches the golden exposition', async () => {
    expectGolden('router/all-defaults.prom', hermetic(await fixtureScraper(ROUTER_FLAGS).scrape()));
  });
});
