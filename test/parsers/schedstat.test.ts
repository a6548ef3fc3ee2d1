import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSchedstat } from '../../src/procfs/schedstat.ts';
import { CONFORMANCE, FIXTURES } from '../helpers/scrape.ts';

describe('parseSchedstat', () => {
  it('parses the router fixture and ignores the version, timestamp and domain lines', () => {
    const cpus = parseSchedstat(readFileSync(join(FIXTURES, 'router/proc/schedstat'), 'utf8'));
    expect(cpus.map((c) => c.cpu)).toEqual(['0', '1', '2', '3']);
    expect(cpus[0]).toEqual({ cpu: '0', runningNanoseconds: 186420113560312, waitingNanoseconds: 21876543210987, timeslices: 1287654321 });
  });
  it.skipIf(!existsSync(join(CONFORMANCE, 'proc/schedstat')))("parses node_exporter's fixture", () => {
    const cpus = parseSchedstat(readFileSync(join(CONFORMANCE, 'proc/schedstat'), 'utf8'));
    expect(cpus).toEqual([
      { cpu: '0', runningNanoseconds: 2045936778163039, waitingNanoseconds: 343796328169361, timeslices: 4767485306 },
      { cpu: '1', runningNanoseconds: 1904686152592476, waitingNanoseconds: 364107263788241, timeslices: 5145567945 },
    ]);
  });
  it('takes the first nine numbers of a longer cpu line and skips short or broken ones', () => {
    const text = ['version 15', 'cpu0 1 2 3 4 5 6 7 8 9 10 11', 'cpu1 1 2 3 4 5 6 7 8', 'cpu2 1 2 3 4 5 6 x 8 9', 'cpu3  1 2 3 4 5 6 7 8 9', 'cpu4 0 0 0 0 0 0 70 80 90'].join('\n');
    expect(parseSchedstat(text)).toEqual([
      { cpu: '0', runningNanoseconds: 7, waitingNanoseconds: 8, timeslices: 9 },
      { cpu: '4', runningNanoseconds: 70, waitingNanoseconds: 80, timeslices: 90 },
    ]);
  });
  it.each([
    ['empty', ''],
    ['only the header', 'version 15\ntimestamp 4316273542\n'],
    ['truncated cpu line', 'version 15\ncpu0 1 2 3'],
    ['garbage', 'hello world'],
  ])('rejects %s input', (_name, text) => {
    expect(() => parseSchedstat(text)).toThrow(/unexpected schedstat content/);
  });
});
