import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFileNr } from '../../src/procfs/fileNr.ts';
import { FIXTURES } from '../helpers/scrape.ts';

describe('parseFileNr', () => {
  it('parses the router fixture', () => {
    expect(parseFileNr(readFileSync(join(FIXTURES, 'router/proc/sys/fs/file-nr'), 'utf8'))).toEqual({ allocated: 1312, maximum: 48486 });
  });
  it.each([
    ['tabs', '1024\t0\t1631329\n', { allocated: 1024, maximum: 1631329 }],
    // systemd sets fs.file-max to LONG_MAX; float64 as node_exporter's ParseFloat gives
    ['LONG_MAX maximum', '9920\t0\t9223372036854775807\n', { allocated: 9920, maximum: 9223372036854775807 }],
    ['spaces', '5 0 100', { allocated: 5, maximum: 100 }],
  ])('parses %s', (_name, text, want) => {
    expect(parseFileNr(text)).toEqual(want);
  });
  it.each([
    ['empty', ''],
    ['truncated', '1024\t0'],
    ['garbage', 'a\tb\tc\n'],
    ['negative', '-1\t0\t10\n'],
  ])('rejects %s input', (_name, text) => {
    expect(() => parseFileNr(text)).toThrow(/unexpected file-nr content/);
  });
});
