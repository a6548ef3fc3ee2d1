import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSoftirqs } from '../../src/procfs/softirqs.ts';
import { FIXTURES } from '../helpers/scrape.ts';

describe('parseSoftirqs', () => {
  it('parses the router fixture', () => {
    const s = parseSoftirqs(readFileSync(join(FIXTURES, 'router/proc/softirqs'), 'utf8'));
    expect(s.cpus).toEqual(['CPU0', 'CPU1', 'CPU2', 'CPU3']);
    expect(s.rows.map((r) => r.type)).toEqual(['HI', 'TIMER', 'NET_TX', 'NET_RX', 'BLOCK', 'IRQ_POLL', 'TASKLET', 'SCHED', 'HRTIMER', 'RCU']);
    expect(s.rows.find((r) => r.type === 'NET_RX')?.perCpu).toEqual([2123456789, 612345678, 598765432, 587654321]);
  });

  it('skips rows with a non-numeric count and keeps the others', () => {
    const text = '                    CPU0       CPU1\n          HI:          7          x\n       TIMER:     424191     108342\n      BROKEN\n';
    expect(parseSoftirqs(text).rows).toEqual([{ type: 'TIMER', perCpu: [424191, 108342] }]);
  });

  it('reads a file truncated in the middle of a row', () => {
    const text = '                    CPU0       CPU1\n          HI:          7          1\n       TIMER:     42';
    expect(parseSoftirqs(text).rows).toEqual([
      { type: 'HI', perCpu: [7, 1] },
      { type: 'TIMER', perCpu: [42] },
    ]);
  });

  it.each([
    ['empty', ''],
    ['header only', '                    CPU0       CPU1\n'],
    ['garbage', 'no softirqs here\nat: all\n'],
  ])('rejects %s input', (_name, text) => {
    expect(() => parseSoftirqs(text)).toThrow(/unexpected \/proc\/softirqs content/);
  });
});
