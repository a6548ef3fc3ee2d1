import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLoadavg } from '../../src/procfs/loadavg.ts';
import { FIXTURES } from '../helpers/scrape.ts';

describe('parseLoadavg', () => {
  it('parses the router fixture', () => {
    expect(parseLoadavg(readFileSync(join(FIXTURES, 'router/proc/loadavg'), 'utf8'))).toEqual({ load1: 0.52, load5: 0.38, load15: 0.31 });
  });
  it.each([
    ['empty', ''],
    ['truncated', '0.52 0.38'],
    ['garbage', 'abc def ghi 1/2 3'],
    ['negative', '-1 0 0 1/1 1'],
  ])('rejects %s input', (_name, text) => {
    expect(() => parseLoadavg(text)).toThrow(/unexpected loadavg/);
  });
});
