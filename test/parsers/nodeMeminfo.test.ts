import { describe, expect, it } from 'vitest';
import { parseNodeMeminfo, parseNodeNumastat } from '../../src/sysfs/nodeMeminfo.ts';

describe('parseNodeMeminfo', () => {
  it('reads fields in bytes for kB lines, plain numbers otherwise, with node_exporter names', () => {
    const text = 'Node 0 MemTotal:         505960 kB\nNode 0 Active(anon):       9843 kB\n\nNode 0 HugePages_Total:     0\nNode 0 Inactive(file)::     12 kB\n';
    expect(parseNodeMeminfo(text)).toEqual([
      { name: 'MemTotal', node: '0', value: 518103040 },
      { name: 'Active_anon', node: '0', value: 10079232 },
      { name: 'HugePages_Total', node: '0', value: 0 },
      { name: 'Inactive_file', node: '0', value: 12288 },
    ]);
  });
  it.each([
    ['a short line', 'Node 0 MemTotal:\n', /invalid line in meminfo/],
    ['another unit', 'Node 0 MemTotal: 5 MB\n', /invalid line in meminfo/],
    ['too many fields', 'Node 0 MemTotal: 5 kB x\n', /invalid line in meminfo/],
    ['a value that is not a number', 'Node 0 MemTotal: lots kB\n', /invalid value in meminfo/],
  ])('fails on %s', (_name, text, err) => {
    expect(() => parseNodeMeminfo(text)).toThrow(err);
  });
});

describe('parseNodeNumastat', () => {
  it('reads name value lines', () => {
    expect(parseNodeNumastat('numa_hit 193460335812\nnuma_miss 12624528\n\n')).toEqual([
      { name: 'numa_hit', value: 193460335812 },
      { name: 'numa_miss', value: 12624528 },
    ]);
  });
  it.each([
    ['a line without a value', 'numa_hit\n', /did not return 2 fields/],
    ['three fields', 'numa_hit 1 2\n', /did not return 2 fields/],
    ['a value that is not a number', 'numa_hit many\n', /invalid value in numastat/],
  ])('fails on %s', (_name, text, err) => {
    expect(() => parseNodeNumastat(text)).toThrow(err);
  });
});
