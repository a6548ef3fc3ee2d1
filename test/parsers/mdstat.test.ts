import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMdStat } from '../../src/procfs/mdstat.ts';
import { parseRaidDisks, syncCompletedValid } from '../../src/sysfs/mdraid.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const md = (head: string, ...rest: string[]): string => `Personalities : [linear] [raid0] [raid1] [raid5] [raid6]\n${head}\n${rest.join('\n')}\n\nunused devices: <none>\n`;

describe('parseMdStat', () => {
  it('parses the router fixture (RAID1 with a bitmap line)', () => {
    expect(parseMdStat(readFileSync(join(FIXTURES, 'router/proc/mdstat'), 'utf8'))).toEqual([
      {
        name: 'md0', type: 'raid1', activityState: 'active', disksActive: 2, disksTotal: 2, disksFailed: 0, disksDown: 0, disksSpare: 0,
        blocksTotal: 1953381376, blocksSynced: 1953381376, blocksToBeSynced: 1953381376,
      },
    ]);
  });
  it.each([
    ['recovering, one disk down, a failed and a spare', md('md6 : active raid1 sdb2[2](F) sdc[1](S) sda2[0]', '      100 blocks [2/1] [U_]', '      [=>..]  recovery =  8.5% (8/100) finish=17.0min speed=259783K/sec'),
      { name: 'md6', activityState: 'recovering', disksActive: 1, disksTotal: 2, disksFailed: 1, disksSpare: 1, disksDown: 1, blocksSynced: 8, blocksToBeSynced: 100 }],
    ['resync delayed: nothing synced yet', md('md9 : active raid1 sda2[0] sdb2[1]', '      50 blocks super 1.2 [2/2] [UU]', '      resync=DELAYED'), { activityState: 'resyncing', blocksSynced: 0, blocksToBeSynced: 50 }],
    ['check', md('md2 : active raid1 sda3[0] sdb3[1]', '      90 blocks [2/2] [UU]', '      [=>..]  check =  5.7% (9/90) finish=0.2min speed=114176K/sec'), { activityState: 'checking', blocksSynced: 9 }],
    ['raid0 counts its disks on the device line', md('md10 : active raid0 sda1[0] sdb1[1]', '       300 blocks 64k chunks'), { type: 'raid0', disksActive: 2, disksTotal: 2 }],
    ['inactive', md('md4 : inactive raid1 sda3[0](F) sdb3[1](S)', '      40 blocks [2/2] [UU]'), { activityState: 'inactive', disksActive: 0, disksTotal: 0, disksFailed: 1, disksSpare: 1 }],
    ['(auto-read-only) before the level', md('md11 : active (auto-read-only) raid1 sdb2[0] sdc2[1]', '      41 blocks super 1.2 [2/2] [UU]', '      resync=PENDING'), { type: 'raid1', activityState: 'resyncing', blocksSynced: 0 }],
  ])('%s', (_name, text, want) => {
    const [got] = parseMdStat(text);
    expect(got).toMatchObject(want);
  });
  it.each([
    ['too few lines', 'md0 : active raid1 sda1[0]\n  1 blocks [1/1] [U]\n'],
    ['fewer than 3 fields', md('md0 :', '  1 blocks [1/1] [U]', '')],
    ['size not a number', md('md0 : active raid1 sda1[0]', '  x blocks [1/1] [U]', '')],
    ['no [n/m] [U] status', md('md0 : active raid1 sda1[0]', '  1 blocks', '')],
    ['total beyond int64', md('md0 : active raid1 sda1[0]', '  1 blocks [9223372036854775808/1] [U]', '')],
    ['sync line without blocks', md('md0 : active raid1 sda1[0]', '  1 blocks [1/1] [U]', '  resync = 1% finish=1min speed=1K/sec')],
    ['sync line without speed', md('md0 : active raid1 sda1[0]', '  1 blocks [1/1] [U]', '  resync = 1% (1/2) finish=1min')],
    ['descriptor index beyond int32', md('md0 : active raid1 sda1[2147483648]', '  1 blocks [1/1] [U]', '')],
    ['a one-character personality', 'Personalities : [\nmd0 : active raid1 sda1[0]\n  1 blocks [1/1] [U]\n\n\n'],
  ])('rejects %s', (_name, text) => {
    expect(() => parseMdStat(text)).toThrow();
  });
  it.each([['', []], ['\u0000garbage\n', 'throws'], ['Personalities : [raid1]\nunused devices: <none>\n', []]])('edge %#', (text, want) => {
    if (want === 'throws') expect(() => parseMdStat(text)).toThrow();
    else expect(parseMdStat(text)).toEqual(want);
  });
});

describe('md sysfs attributes', () => {
  it.each([
    ['2', 2],
    ['11 (10)', 11],
    ['', undefined],
    ['x (3)', undefined],
    ['-1', undefined],
    ['18446744073709551616', undefined],
  ])('raid_disks %j', (text, want) => {
    expect(parseRaidDisks(text)).toBe(want);
  });
  it.each([
    ['none', true],
    ['676020224 / 3906762752', true],
    ['1/2', true],
    ['delayed', false],
    ['/ 2', false],
    ['-1 / 2', false],
  ])('sync_completed %j', (text, want) => {
    expect(syncCompletedValid(text)).toBe(want);
  });
});
