import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meminfoFieldName } from '../../src/collectors/meminfo.ts';
import { parseMeminfo } from '../../src/procfs/meminfo.ts';
import { FIXTURES } from '../helpers/scrape.ts';

describe('parseMeminfo', () => {
  it('parses every line of the router fixture (kernel 6.6)', () => {
    const entries = parseMeminfo(readFileSync(join(FIXTURES, 'router/proc/meminfo'), 'utf8'));
    expect(entries).toHaveLength(45);
    expect(entries[0]).toEqual({ key: 'MemTotal', value: 505960, unit: 'kB' });
    expect(entries).toContainEqual({ key: 'Active(anon)', value: 2380, unit: 'kB' });
    expect(entries).toContainEqual({ key: 'VmallocTotal', value: 133141626880, unit: 'kB' });
    expect(entries).toContainEqual({ key: 'HugePages_Total', value: 4, unit: undefined });
    expect(entries).toContainEqual({ key: 'Hugepagesize', value: 2048, unit: 'kB' });
  });

  it.each([
    ['kB line', 'MemTotal:        3742148 kB', [{ key: 'MemTotal', value: 3742148, unit: 'kB' }]],
    ['unitless count', 'HugePages_Rsvd:        7', [{ key: 'HugePages_Rsvd', value: 7, unit: undefined }]],
    ['no space after the colon', 'Foo:12 kB', [{ key: 'Foo', value: 12, unit: 'kB' }]],
    ['trailing whitespace and CR', 'Bar:   5 kB  \r', [{ key: 'Bar', value: 5, unit: 'kB' }]],
    ['not a number', 'MemFree:   abc kB', []],
    ['negative', 'MemFree:   -5 kB', []],
    ['fraction', 'MemFree:   5.5 kB', []],
    ['unknown unit', 'MemFree:   5 MB', []],
    ['extra word', 'MemFree:   5 kB extra', []],
    ['no value', 'MemFree:', []],
    ['no colon', 'MemFree 5 kB', []],
    ['blank', '   ', []],
  ])('%s', (_name, line, expected) => {
    // A good line next to the one under test keeps the file usable.
    expect(parseMeminfo(`Cached:  1 kB\n${line}\n`).slice(1)).toEqual(expected);
  });

  it('skips malformed lines but keeps the others', () => {
    expect(parseMeminfo('MemTotal: 10 kB\ngarbage here\nMemFree: x kB\nMemAvailable: 8 kB\n')).toEqual([
      { key: 'MemTotal', value: 10, unit: 'kB' },
      { key: 'MemAvailable', value: 8, unit: 'kB' },
    ]);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'this is not meminfo\n\x00\x01'],
    ['only malformed lines', 'MemTotal: lots kB\nMemFree: - kB\n'],
  ])('throws on %s input', (_name, text) => {
    expect(() => parseMeminfo(text)).toThrow(/unexpected meminfo/);
  });
});

describe('meminfoFieldName', () => {
  it.each([
    ['MemTotal', 'kB', 'MemTotal_bytes'],
    ['Active(anon)', 'kB', 'Active_anon_bytes'],
    ['Inactive(file)', 'kB', 'Inactive_file_bytes'],
    ['NFS_Unstable', 'kB', 'NFS_Unstable_bytes'],
    ['Committed_AS', 'kB', 'Committed_AS_bytes'],
    ['HugePages_Total', undefined, 'HugePages_Total'],
    ['Hugepagesize', 'kB', 'Hugepagesize_bytes'],
  ] as const)('%s (%s) -> %s', (key, unit, name) => {
    expect(meminfoFieldName(key, unit)).toBe(name);
  });
});
