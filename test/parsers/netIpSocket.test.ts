import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TcpStateCounter, parseSocketLine, summarizeSockets } from '../../src/procfs/netIpSocket.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const fixture = (name: string): string => readFileSync(join(FIXTURES, 'router/proc/net', name), 'utf8');

describe('parseSocketLine', () => {
  it.each([
    ['a listening IPv4 socket', '   0: 00000000:0016 00000000:0000 0A 00000000:00000001 00:00000000 00000000     0        0 2411 1 0000000000000000 100 0 0 10 0', { state: 10, txQueue: 0, rxQueue: 1 }],
    ['an established socket with unacked bytes', '   6: 0101A8C0:238D 0A01A8C0:A1B2 01 000005A8:00000000 01:00000014 00000000     0        0 62013 2 0000000000000000 20 4 30 10 -1', { state: 1, txQueue: 1448, rxQueue: 0 }],
    ['a time-wait socket', '   7: 0101A8C0:0050 6401A8C0:E001 06 00000000:00000000 03:000017D4 00000000     0        0 0 3 0000000000000000', { state: 6, txQueue: 0, rxQueue: 0 }],
    ['an IPv6 UDP socket', '  364: 00000000000000000000000000000000:CA6C 00000000000000000000000000000000:0000 07 00000000:00000200 00:00000000 00000000     0        0 0 2 0000000000000000 0', { state: 7, txQueue: 0, rxQueue: 512 }],
    ['a lower-case, 16-digit queue', '   1: 00000000:0035 00000000:0000 07 00000000000001b0:0 00:00000000 00000000     0        0 1 2 0 0', { state: 7, txQueue: 432, rxQueue: 0 }],
  ])('parses %s', (_name, line, expected) => {
    expect(parseSocketLine(line)).toEqual(expected);
  });
  it.each([
    ['the TCP header', '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode'],
    ['a blank line', '   '],
    ['a truncated line', '   0: 00000000:0016 00000000:0000 0A 00000000:00000000'],
    ['a bad address', '   0: 00000000:16 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1'],
    ['a bad state', '   0: 00000000:0016 00000000:0000 XYZ 00000000:00000000 00:00000000 00000000 0 0 1 1'],
    ['bad queues', '   0: 00000000:0016 00000000:0000 0A 00000000-00000000 00:00000000 00000000 0 0 1 1'],
    ['no slot number', 'x: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1 1'],
  ])('returns undefined for %s', (_name, line) => {
    expect(parseSocketLine(line)).toBeUndefined();
  });
});

describe('summarizeSockets', () => {
  it('sums the queues of the router fixture', () => {
    expect(summarizeSockets(fixture('udp'))).toEqual({ sockets: 6, txQueue: 432, rxQueue: 3328 });
    expect(summarizeSockets(fixture('udp6'))).toEqual({ sockets: 3, txQueue: 0, rxQueue: 512 });
  });
  it('gives zeros for a table with no sockets', () => {
    expect(summarizeSockets('   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n')).toEqual({ sockets: 0, txQueue: 0, rxQueue: 0 });
  });
  it('skips a malformed line and keeps the others', () => {
    const text = [
      '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
      '   39: 00000000:0035 00000000:0000 07 00000010:00000020 00:00000000 00000000   453        0 4211 2 0000000000000000 0',
      '   40: garbage',
      '   41: 00000000:0043 00000000:0000 07 00000001:00000002 00:00000000 00000000     0        0 4219 2 0000000000000000 0',
    ].join('\n');
    expect(summarizeSockets(text)).toEqual({ sockets: 2, txQueue: 17, rxQueue: 34 });
  });
  it.each([
    ['empty', ''],
    ['garbage', 'nothing to see here\n'],
  ])('rejects %s input', (_name, text) => {
    expect(() => summarizeSockets(text)).toThrow(/unexpected socket table content/);
  });
});

describe('TcpStateCounter', () => {
  it('counts the router fixture by state and sums its queues', () => {
    const c = new TcpStateCounter();
    for (const l of `${fixture('tcp')}${fixture('tcp6')}`.split('\n')) c.add(l);
    expect(Object.fromEntries(c.states)).toEqual({ 1: 4, 3: 1, 5: 1, 6: 3, 8: 1, 9: 1, 10: 9 });
    expect(c.sockets).toBe(20);
    expect(c.rxQueued).toBe(449);
    expect(c.txQueued).toBe(1497);
    expect(c.sawHeader).toBe(true);
  });
  it('counts nothing for a header alone, and nothing for garbage', () => {
    const header = new TcpStateCounter();
    header.add('  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode');
    expect([header.sockets, header.sawHeader]).toEqual([0, true]);
    const garbage = new TcpStateCounter();
    garbage.add('hello');
    expect([garbage.sockets, garbage.sawHeader, garbage.states.size]).toEqual([0, false, 0]);
  });
});
