import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePidStat } from '../../src/procfs/pidStat.ts';
import { FIXTURES } from '../helpers/scrape.ts';

describe('parsePidStat', () => {
  it.each([
    ['procd', '1/stat', { pid: 1, comm: 'procd', state: 'S', numThreads: 1 }],
    ['a kernel worker', '48/stat', { pid: 48, comm: 'kworker/1:1-events', state: 'I', numThreads: 1 }],
    ['a multi-threaded process', '2301/stat', { pid: 2301, comm: 'node', state: 'R', numThreads: 7 }],
    ['a comm with spaces and parentheses', '3001/stat', { pid: 3001, comm: 'my (weird) proc', state: 'D', numThreads: 2 }],
    ['a thread', '2301/task/2302/stat', { pid: 2302, comm: 'libuv-worker', state: 'R', numThreads: 7 }],
  ])('parses %s from the router fixture', (_name, file, expected) => {
    expect(parsePidStat(readFileSync(join(FIXTURES, 'router/proc', file), 'utf8'))).toEqual(expected);
  });
  it('parses the short stat line of an old kernel', () => {
    expect(parsePidStat('42 (init) S 0 42 42 0 -1 256 10 0 0 0 1 2 0 0 20 0 1 0 5 1000 10 100')).toEqual({ pid: 42, comm: 'init', state: 'S', numThreads: 1 });
  });
  it.each([
    ['empty', ''],
    ['truncated before num_threads', '1 (procd) S 0 1 1 0 -1 4194560 1204 58340 3 112'],
    ['no comm', '1 procd S 0 1 1 0 -1 4194560 1204 58340 3 112 41 162 360 620 20 0 1 0 9'],
    ['a bad state', '1 (procd) 7 0 1 1 0 -1 4194560 1204 58340 3 112 41 162 360 620 20 0 1 0 9'],
    ['a bad thread count', '1 (procd) S 0 1 1 0 -1 4194560 1204 58340 3 112 41 162 360 620 20 0 x 0 9'],
    ['garbage', 'hello (world'],
  ])('rejects %s', (_name, text) => {
    expect(() => parsePidStat(text)).toThrow(/unexpected stat content/);
  });
});
