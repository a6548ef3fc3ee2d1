import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSockstat } from '../../src/procfs/netSockstat.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const router = (f: string): string => readFileSync(join(FIXTURES, 'router/proc/net', f), 'utf8');

describe('parseSockstat', () => {
  it('parses the router sockstat', () => {
    expect(parseSockstat(router('sockstat'))).toEqual({
      used: 187,
      protocols: [
        { protocol: 'TCP', inuse: 14, orphan: 1, tw: 9, alloc: 19, mem: 3 },
        { protocol: 'UDP', inuse: 11, mem: 6 },
        { protocol: 'UDPLITE', inuse: 0 },
        { protocol: 'RAW', inuse: 1 },
        { protocol: 'FRAG', inuse: 0, memory: 0 },
      ],
    });
  });

  it('parses the router sockstat6 (no sockets line)', () => {
    expect(parseSockstat(router('sockstat6'))).toEqual({
      protocols: [
        { protocol: 'TCP6', inuse: 6 },
        { protocol: 'UDP6', inuse: 9 },
        { protocol: 'UDPLITE6', inuse: 0 },
        { protocol: 'RAW6', inuse: 2 },
        { protocol: 'FRAG6', inuse: 0, memory: 0 },
      ],
    });
  });

  it('reports inuse as 0 when a line lacks it, and ignores unknown keys', () => {
    expect(parseSockstat('SCTP: alloc 3 assoc 2\n')).toEqual({ protocols: [{ protocol: 'SCTP', inuse: 0, alloc: 3 }] });
  });

  it.each([
    ['too few fields', 'TCP: inuse\nUDP: inuse 2\n'],
    ['an odd number of fields', 'TCP: inuse 4 orphan\nUDP: inuse 2\n'],
    ['a value that is not an integer', 'TCP: inuse four\nUDP: inuse 2\n'],
    ['a blank line', '\n\nUDP: inuse 2\n'],
  ])('skips a line with %s', (_name, text) => {
    expect(parseSockstat(text)).toEqual({ protocols: [{ protocol: 'UDP', inuse: 2 }] });
  });

  it('returns nothing for an empty file and throws on garbage', () => {
    expect(parseSockstat('')).toEqual({ protocols: [] });
    expect(() => parseSockstat('garbage\n')).toThrow(/unexpected sockstat/);
  });
});
