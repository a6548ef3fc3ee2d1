import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCgroupSummaries } from '../../src/procfs/cgroups.ts';
import { FIXTURES } from '../helpers/scrape.ts';

describe('parseCgroupSummaries', () => {
  it('parses the router /proc/cgroups (cgroup v2: hierarchy 0)', () => {
    const s = parseCgroupSummaries(readFileSync(join(FIXTURES, 'router/proc/cgroups'), 'utf8'));
    expect(s.map((c) => c.subsysName)).toEqual(['cpuset', 'cpu', 'cpuacct', 'blkio', 'memory', 'devices', 'freezer', 'pids']);
    expect(s[0]).toEqual({ subsysName: 'cpuset', hierarchy: 0, cgroups: 38, enabled: 1 });
  });
  it('reads the first four fields of a longer line', () => {
    expect(parseCgroupSummaries('memory 4 87 0 extra\n')).toEqual([{ subsysName: 'memory', hierarchy: 4, cgroups: 87, enabled: 0 }]);
  });
  it.each([
    ['three fields', 'memory 4 87\n'],
    ['a bad number', 'memory 4 eighty 1\n'],
    ['a float', 'memory 4 87 1.0\n'],
    ['an empty line', '\n'],
  ])('skips %s and keeps the others', (_name, bad) => {
    expect(parseCgroupSummaries(`#subsys_name\thierarchy\tnum_cgroups\tenabled\n${bad}pids\t0\t3\t1\n`)).toEqual([{ subsysName: 'pids', hierarchy: 0, cgroups: 3, enabled: 1 }]);
  });
});
