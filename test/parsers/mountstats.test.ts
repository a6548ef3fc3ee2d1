import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMountStats } from '../../src/procfs/mountstats.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const router = (p: string): string => readFileSync(join(FIXTURES, 'router', p), 'utf8');
const EVENTS = Array.from({ length: 27 }, (_, i) => i + 1).join(' ');
const nfs = (head: string, body: string): string => `${head}\n${body}\n\n`;

describe('parseMountStats (/proc/<pid>/mountstats)', () => {
  it('parses the router fixture: 18 mounts, one NFSv4.2 mount with two transports (nconnect=2)', () => {
    const mounts = parseMountStats(router('proc/2301/mountstats'));
    expect(mounts).toHaveLength(18);
    expect(mounts[0]).toEqual({ device: '/dev/root', mountPoint: '/rom', fsType: 'squashfs' });
    expect(mounts[14]).toEqual({ device: '/dev/mmcblk0p3', mountPoint: '/mnt/My\\040Data', fsType: 'f2fs' });
    const n = mounts.find((m) => m.nfs !== undefined);
    expect(n).toMatchObject({ device: '192.168.1.10:/export/backup', mountPoint: '/tmp/run/nas', fsType: 'nfs4' });
    const s = n?.nfs;
    expect(s?.statVersion).toBe('1.1');
    expect(s?.ageSeconds).toBe(86123);
    expect(s?.bytes).toEqual({ read: 4096512344, write: 786432112, directRead: 0, directWrite: 0, readTotal: 4101122344, writeTotal: 790432112, readPages: 1001345, writePages: 192110 });
    expect(s?.events).toMatchObject({ inodeRevalidate: 2481, vfsOpen: 1204, vfsFileRelease: 1198, congestionWait: 0, writeExtension: 97 });
    expect(s?.transports.map((t) => [t.port, t.connect, t.idleTimeSeconds, t.sends, t.maximumRpcSlotsUsed])).toEqual([
      [856, 2, 7n, 51034, 64],
      [857, 1, 3n, 50725, 61],
    ]);
    expect(s?.operations).toHaveLength(29);
    expect(s?.operations[1]).toEqual({ operation: 'READ', requests: 31245, transmissions: 31245, majorTimeouts: 0, bytesSent: 5624180, bytesReceived: 4101122344, queueMilliseconds: 112n, responseMilliseconds: 41023n, requestMilliseconds: 41498n });
  });

  it('reads the transport layouts of statistics versions 1.0 and 1.1', () => {
    const udp10 = parseMountStats(nfs('device a:/x mounted on /x with fstype nfs statvers=1.0', '\txprt:\tudp 832 1 6428 6427 2 12154 9'));
    expect(udp10[0]?.nfs?.transports[0]).toEqual({ protocol: 'udp', port: 832, bind: 1, connect: 0, idleTimeSeconds: 0n, sends: 6428, receives: 6427, badTransactionIds: 2, cumulativeBacklog: 9, maximumRpcSlotsUsed: 0, cumulativeSendingQueue: 0, cumulativePendingQueue: 0 });
    const tcp10 = parseMountStats(nfs('device a:/x mounted on /x with fstype nfs statvers=1.0', '\txprt:\ttcp 832 1 2 3 4 5 6 7 8 9'));
    expect(tcp10[0]?.nfs?.transports[0]).toMatchObject({ bind: 1, connect: 2, idleTimeSeconds: 4n, sends: 5, cumulativeBacklog: 9, maximumRpcSlotsUsed: 0 });
    const rdma = parseMountStats(nfs('device a:/x mounted on /x with fstype nfs4 statvers=1.1', `\txprt:\trdma 0 1 2 3 4 5 6 7 8 9 ${Array.from({ length: 10 }, () => '99').join(' ')}`));
    expect(rdma[0]?.nfs?.transports[0]).toMatchObject({ protocol: 'rdma', bind: 1, sends: 5, cumulativeBacklog: 9, maximumRpcSlotsUsed: 0, cumulativeSendingQueue: 0 });
  });

  it('takes the age as time.ParseDuration(value + "s") does, and keeps a 9th per-operation field out', () => {
    const m = parseMountStats(nfs('device a:/x mounted on /x with fstype nfs statvers=1.1', `\tage:\t1m30\n\tevents:\t${EVENTS}\n\tper-op statistics\n\t  READ: 1 2 3 4 5 6 7 8 9`));
    expect(m[0]?.nfs?.ageSeconds).toBe(90);
    expect(m[0]?.nfs?.events.pnfsWrite).toBe(27);
    expect(m[0]?.nfs?.operations[0]?.requestMilliseconds).toBe(8n);
  });

  it('keeps per-operation counters beyond 2^53 exact (node_exporter takes them modulo 2^53)', () => {
    const m = parseMountStats(nfs('device a:/x mounted on /x with fstype nfs statvers=1.1', '\tper-op statistics\n\tACCESS: 1 1 0 1 1 18446743919241604546 1 1'));
    expect(m[0]?.nfs?.operations[0]?.queueMilliseconds).toBe(18446743919241604546n);
  });

  it('skips lines that are not device lines, and a device line without statistics has none', () => {
    expect(parseMountStats('no device here\n\ndevice proc mounted on /proc with fstype proc\n')).toEqual([{ device: 'proc', mountPoint: '/proc', fsType: 'proc' }]);
    expect(parseMountStats('')).toEqual([]);
  });

  it.each([
    ['a short device line', 'device a mounted on /x\n'],
    ['a device line with other words', 'device a mounted at /x with fstype nfs\n'],
    ['statistics on a non-NFS mount', 'device a mounted on /x with fstype cifs statvers=1.1\n'],
    ['an opts: line without options', nfs('device a:/x mounted on /x with fstype nfs statvers=1.1', '\topts:')],
    ['an age with a unit', nfs('device a:/x mounted on /x with fstype nfs statvers=1.1', '\tage:\t5s')],
    ['an age beyond a Go duration', nfs('device a:/x mounted on /x with fstype nfs statvers=1.1', '\tage:\t9300000000')],
    ['a bytes line of 7 values', nfs('device a:/x mounted on /x with fstype nfs statvers=1.1', '\tbytes:\t1 2 3 4 5 6 7')],
    ['an events line of 26 values', nfs('device a:/x mounted on /x with fstype nfs statvers=1.1', `\tevents:\t${EVENTS.slice(0, EVENTS.lastIndexOf(' '))}`)],
    ['an xprt line without values', nfs('device a:/x mounted on /x with fstype nfs statvers=1.1', '\txprt:\ttcp')],
    ['a udp transport of 1.1 with the 1.0 length', nfs('device a:/x mounted on /x with fstype nfs statvers=1.1', '\txprt:\tudp 1 2 3 4 5 6 7')],
    ['rdma under statistics version 1.0', nfs('device a:/x mounted on /x with fstype nfs statvers=1.0', `\txprt:\trdma ${Array.from({ length: 20 }, () => '1').join(' ')}`)],
    ['an rdma transport of 19 values', nfs('device a:/x mounted on /x with fstype nfs statvers=1.1', `\txprt:\trdma ${Array.from({ length: 19 }, () => '1').join(' ')}`)],
    ['an operation of 7 counters', nfs('device a:/x mounted on /x with fstype nfs statvers=1.1', '\tper-op statistics\n\tREAD: 1 2 3 4 5 6 7')],
    ['a negative operation counter', nfs('device a:/x mounted on /x with fstype nfs statvers=1.1', '\tper-op statistics\n\tREAD: 1 2 3 4 5 6 7 -8')],
  ])('throws on %s', (_name, text) => {
    expect(() => parseMountStats(text)).toThrow(Error);
  });
});
