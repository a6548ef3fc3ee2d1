import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNfsClientStats, parseNfsServerStats } from '../../src/procfs/netRpcNfs.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const router = (p: string): string => readFileSync(join(FIXTURES, 'router', p), 'utf8');
const zeros = (n: number): string => Array.from({ length: n }, () => '0').join(' ');

describe('parseNfsClientStats (/proc/net/rpc/nfs)', () => {
  it('parses the router fixture (Linux 5.15: no proc2 line, 69 NFSv4 operations)', () => {
    const s = parseNfsClientStats(router('proc/net/rpc/nfs'));
    expect(s.network).toEqual({ netCount: 0, udpCount: 0, tcpCount: 0, tcpConnect: 0 });
    expect(s.rpc).toEqual({ rpcCount: 101759, retransmissions: 4, authRefreshes: 101763 });
    expect(Object.values(s.v2).every((v) => v === 0)).toBe(true);
    expect(s.v4).toMatchObject({ Null: 1, Read: 31245, Write: 6012, Sequence: 49875, Clone: 0 });
    expect(Object.keys(s.v4)).toHaveLength(59);
  });

  it('reads each group by position', () => {
    const s = parseNfsClientStats(`proc2 18 ${Array.from({ length: 18 }, (_, i) => i + 1).join(' ')}\nproc3 22 ${Array.from({ length: 22 }, (_, i) => 100 + i).join(' ')}\n`);
    expect(s.v2).toMatchObject({ Null: 1, GetAttr: 2, WrCache: 8, FsStat: 18 });
    expect(s.v3).toMatchObject({ Null: 100, Access: 104, ReadDirPlus: 117, Commit: 121 });
  });

  it('pads a shorter proc4 line with zeros, ignores values beyond 59, and keeps the last of a repeated line', () => {
    expect(parseNfsClientStats('proc4 2 7 8\n').v4).toMatchObject({ Null: 7, Read: 8, Write: 0, Clone: 0 });
    expect(parseNfsClientStats(`proc4 61 ${zeros(59)} 5 6\n`).v4.Clone).toBe(0);
    expect(parseNfsClientStats('rpc 1 2 3\nrpc 4 5 6\n').rpc.rpcCount).toBe(4);
  });

  it('keeps counters beyond 2^53 as Go turns a uint64 into a float64', () => {
    expect(parseNfsClientStats('rpc 18446744073709551615 0 0\n').rpc.rpcCount).toBe(18446744073709551615);
  });

  it.each([
    ['a line of one field', 'net\n'],
    ['a blank line', 'rpc 1 2 3\n\n'],
    ['an unknown key', 'proc5 1 0\n'],
    ['a net line of 3 values', 'net 1 2 3\n'],
    ['a proc2 line of fewer than 18 procedures', `proc2 17 ${zeros(17)}\n`],
    ['a proc3 count that does not match', `proc3 23 ${zeros(22)}\n`],
    ['a proc4 count that does not match', 'proc4 3 1 2\n'],
    ['a negative value', 'rpc -1 0 0\n'],
    ['a hexadecimal value', 'rpc 0x10 0 0\n'],
    ['a value beyond uint64', 'rpc 18446744073709551616 0 0\n'],
  ])('throws on %s', (_name, text) => {
    expect(() => parseNfsClientStats(text)).toThrow(Error);
  });
});

describe('parseNfsServerStats (/proc/net/rpc/nfsd)', () => {
  it('parses the router fixture (Linux 5.15)', () => {
    const s = parseNfsServerStats(router('proc/net/rpc/nfsd'));
    expect(s.replyCache).toEqual({ hits: 0, misses: 48725, noCache: 388871 });
    expect(s.fileHandles).toEqual({ stale: 3 });
    expect(s.io).toEqual({ read: 31877652480, write: 4294971392 });
    expect(s.threads).toBe(8);
    expect(s.readAhead).toEqual({ cacheSize: 0, notFound: 0 });
    expect(s.network).toEqual({ netCount: 437596, udpCount: 0, tcpCount: 437596, tcpConnect: 37 });
    expect(s.rpc).toEqual({ rpcCount: 437596, badFmt: 0, badAuth: 0, badcInt: 0 });
    expect(s.v3).toMatchObject({ Null: 2, GetAttr: 28761, Read: 301227, Commit: 396 });
    expect(s.v4ops).toMatchObject({ Op0Unused: 0, Access: 1204, PutFH: 12180, Write: 412, RelLockOwner: 0 });
    expect(s.wdelegGetattr).toBe(0);
  });

  it('reads node_exporter\'s fixture lines: the th histogram is skipped, ra has 12 values, wdeleg_getattr', () => {
    const s = parseNfsServerStats('th 8 0 0.000 0.000 0.000 0.000 0.000 0.000 0.000 0.000 0.000 0.000\nra 32 0 0 0 0 0 0 0 0 0 0 7\nwdeleg_getattr 15\n');
    expect(s.threads).toBe(8);
    expect(s.readAhead).toEqual({ cacheSize: 32, notFound: 7 });
    expect(s.wdelegGetattr).toBe(15);
  });

  it('accepts a proc4ops line of 39 operations (RelLockOwner 0) and of more than 40', () => {
    const ops39 = Array.from({ length: 39 }, (_, i) => i).join(' ');
    expect(parseNfsServerStats(`proc4ops 39 ${ops39}\n`).v4ops).toMatchObject({ Access: 3, Write: 38, RelLockOwner: 0 });
    expect(parseNfsServerStats(`proc4ops 41 ${ops39} 39 40\n`).v4ops).toMatchObject({ Write: 38, RelLockOwner: 39 });
  });

  it.each([
    ['a th line of one value', 'th 8\n'],
    ['a th line whose second value is a float', 'th 8 0.5\n'],
    ['an rc line of 2 values', 'rc 1 2\n'],
    ['an fh line of 4 values', 'fh 0 0 0 0\n'],
    ['an ra line of 11 values', `ra ${zeros(11)}\n`],
    ['an rpc line of 3 values (the client\'s shape)', 'rpc 1 2 3\n'],
    ['a proc4 line of 3 values', 'proc4 3 1 2 3\n'],
    ['a proc4ops line of 38 operations', `proc4ops 38 ${zeros(38)}\n`],
    ['an unknown key', 'xyz 1\n'],
    ['a float value', 'io 1.5 2\n'],
  ])('throws on %s', (_name, text) => {
    expect(() => parseNfsServerStats(text)).toThrow(Error);
  });
});
