import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSoftnet } from '../../src/procfs/netSoftnet.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const zeros = (n: number): string => Array.from({ length: n }, () => '00000000').join(' ');

describe('parseSoftnet', () => {
  it('parses the router fixture (kernel 6.6, 13 columns with the CPU index)', () => {
    const s = parseSoftnet(readFileSync(join(FIXTURES, 'router/proc/net/softnet_stat'), 'utf8'));
    expect(s).toHaveLength(4);
    expect(s[0]).toEqual({ processed: 0xf3a1b2c4, dropped: 0, timeSqueezed: 0x1a2, cpuCollision: 0, receivedRps: 0x1234, flowLimitCount: 0, backlogLen: 0, index: 0, width: 13 });
    expect(s[1]).toMatchObject({ dropped: 63, backlogLen: 1, index: 1 });
    expect(s[3]).toMatchObject({ flowLimitCount: 1, index: 3 });
  });

  it('reads every column layout the kernel has had', () => {
    // processed dropped squeezed 0 0 0 0 0 collision [rps [flow_limit [backlog index]]]
    const cols = ['00000010', '00000001', '00000002', zeros(5), '00000003', '00000004', '00000005', '00000006', '00000007', '00000099'];
    const line = (n: number): string => cols.join(' ').split(' ').slice(0, n).join(' ');
    expect(parseSoftnet(`${line(9)}\n${line(9)}\n`).map((s) => [s.index, s.receivedRps, s.flowLimitCount, s.width])).toEqual([
      [0, 0, 0, 9],
      [1, 0, 0, 9],
    ]);
    expect(parseSoftnet(line(10))[0]).toMatchObject({ processed: 16, dropped: 1, timeSqueezed: 2, cpuCollision: 3, receivedRps: 4, flowLimitCount: 0, index: 0 });
    expect(parseSoftnet(line(11))[0]).toMatchObject({ receivedRps: 4, flowLimitCount: 5, backlogLen: 0, index: 0 });
    // 12 columns never existed: like procfs, only the 11-column values are used.
    expect(parseSoftnet(line(12))[0]).toMatchObject({ flowLimitCount: 5, backlogLen: 0, index: 0 });
    expect(parseSoftnet(line(13))[0]).toMatchObject({ backlogLen: 6, index: 7 });
    // Later kernels append columns (input_qlen, process_qlen): ignored, even if they were garbage.
    expect(parseSoftnet(`${line(13)} 00000002 zz`)[0]).toMatchObject({ backlogLen: 6, index: 7, width: 15 });
  });

  it('skips a malformed line but keeps counting CPUs by position', () => {
    const ok = `00000001 ${zeros(10)}`;
    const s = parseSoftnet(`${ok}\n0000000g ${zeros(10)}\n00000001 00000002\n${ok}\n`);
    expect(s.map((x) => x.index)).toEqual([0, 3]);
  });

  it('returns nothing for an empty file and throws on garbage', () => {
    expect(parseSoftnet('')).toEqual([]);
    expect(() => parseSoftnet('garbage\n')).toThrow(/unexpected softnet_stat/);
  });
});
