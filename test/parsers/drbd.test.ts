import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDrbd } from '../../src/procfs/drbd.ts';
import { FIXTURES } from '../helpers/scrape.ts';

describe('parseDrbd', () => {
  it('reads the router fixture', () => {
    const fields = parseDrbd(readFileSync(join(FIXTURES, 'router/proc/drbd'), 'utf8'));
    expect(fields.slice(0, 4)).toEqual([
      { device: 'unknown', key: 'version', value: '' },
      { device: 'unknown', key: 'srcversion', value: '' },
      { device: 'drbd0', key: 'cs', value: 'Connected' },
      { device: 'drbd0', key: 'ro', value: 'Primary/Secondary' },
    ]);
    expect(fields.filter((f) => f.key === 'oos')).toEqual([
      { device: 'drbd0', key: 'oos', value: '0' },
      { device: 'drbd1', key: 'oos', value: '2048' },
    ]);
  });
  it.each([
    ['words without exactly one colon are skipped', '(api:1/proto:86-101) C r----- a:b:c', []],
    ['device ids are uint64, formatted exactly', '18446744073709551615: x:1 007: y:2 -1: z:3', [
      { device: 'drbd18446744073709551615', key: 'x', value: '1' },
      { device: 'drbd7', key: 'y', value: '2' },
      { device: 'drbd7', key: '-1', value: '' },
      { device: 'drbd7', key: 'z', value: '3' },
    ]],
    ['an id beyond uint64 is a plain key', '18446744073709551616: x:1', [
      { device: 'unknown', key: '18446744073709551616', value: '' },
      { device: 'unknown', key: 'x', value: '1' },
    ]],
    ['empty', '', []],
    ['tabs and newlines separate words', 'a:1\tb:2\r\nc:3', [
      { device: 'unknown', key: 'a', value: '1' },
      { device: 'unknown', key: 'b', value: '2' },
      { device: 'unknown', key: 'c', value: '3' },
    ]],
  ])('%s', (_name, text, want) => {
    expect(parseDrbd(text)).toEqual(want);
  });
});
