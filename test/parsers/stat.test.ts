import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStat } from '../../src/procfs/stat.ts';
import type { CpuTimes } from '../../src/procfs/stat.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const times = (...ticks: number[]): CpuTimes => {
  const t = [...ticks, ...Array<number>(10).fill(0)].slice(0, 10).map((v) => v / 100);
  const [user, nice, system, idle, iowait, irq, softirq, steal, guest, guestNice] = t as [number, number, number, number, number, number, number, number, number, number];
  return { user, nice, system, idle, iowait, irq, softirq, steal, guest, guestNice };
};

describe('parseStat', () => {
  it('parses the router fixture', () => {
    const s = parseStat(readFileSync(join(FIXTURES, 'router/proc/stat'), 'utf8'));
    expect(s.total).toEqual(times(15753085, 4066, 8630862, 1368185060, 41220, 0, 15208640, 0, 0, 0));
    expect([...s.cpus.keys()]).toEqual([0, 1, 2, 3]);
    expect(s.cpus.get(0)).toEqual(times(4123456, 812, 2345678, 339876543, 12345, 0, 8765432, 0, 0, 0));
    expect(s.cpus.get(0)?.idle).toBe(3398765.43);
    expect(s.intrTotal).toBe(5123456789);
    expect(s.contextSwitches).toBe(9876543210);
    expect(s.bootTime).toBe(1714003200);
    expect(s.processes).toBe(2345678);
    expect(s.procsRunning).toBe(1);
    expect(s.procsBlocked).toBe(0);
    expect(s.softirq).toEqual({
      total: 4805859127,
      vectors: [
        { name: 'hi', value: 3 },
        { name: 'timer', value: 358395072 },
        { name: 'net_tx', value: 16913577 },
        { name: 'net_rx', value: 3922222220 },
        { name: 'block', value: 188133 },
        { name: 'block_iopoll', value: 0 },
        { name: 'tasklet', value: 34570987 },
        { name: 'sched', value: 212714704 },
        { name: 'hrtimer', value: 114 },
        { name: 'rcu', value: 260854317 },
      ],
    });
  });

  it.each([
    ['2.4 kernel: 4 fields', 'cpu0 1 2 3 4', times(1, 2, 3, 4)],
    ['2.6.9 kernel: 7 fields, no steal', 'cpu0 1 2 3 4 5 6 7', times(1, 2, 3, 4, 5, 6, 7)],
    ['OpenVZ: 8 fields, no guest', 'cpu0 1 2 3 4 5 6 7 8', times(1, 2, 3, 4, 5, 6, 7, 8)],
    ['2.6.24 kernel: 9 fields, no guest_nice', 'cpu0 1 2 3 4 5 6 7 8 9', times(1, 2, 3, 4, 5, 6, 7, 8, 9)],
    ['current kernel: 10 fields', 'cpu0 1 2 3 4 5 6 7 8 9 10', times(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)],
    ['a future kernel: 11 fields', 'cpu0 1 2 3 4 5 6 7 8 9 10 11', times(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)],
  ])('reads cpu lines of any length (%s)', (_name, line, want) => {
    expect(parseStat(line + '\n').cpus.get(0)).toEqual(want);
  });

  it('skips malformed cpu lines and keeps the others', () => {
    const s = parseStat(['cpu  2 2 2 2', 'cpu0 1 1 1 1', 'cpu1 1 abc 1 1', 'cpuX 1 1 1 1', 'cpu2 -1 1 1 1', 'cpu3', 'cpu4 1 1 1 1'].join('\n'));
    expect([...s.cpus.keys()]).toEqual([0, 4]);
    expect(s.total).toEqual(times(2, 2, 2, 2));
  });

  it('leaves out lines that are missing or garbled', () => {
    const s = parseStat('cpu0 1 2 3 4\nbtime\nctxt x\nprocesses 12\nintr 5 1 2 2\n');
    expect(s.bootTime).toBeUndefined();
    expect(s.contextSwitches).toBeUndefined();
    expect(s.processes).toBe(12);
    expect(s.intrTotal).toBe(5);
    expect(s.procsRunning).toBeUndefined();
    expect(s.softirq).toBeUndefined();
    expect(s.total).toBeUndefined();
  });

  it('keeps the vectors an older kernel writes and drops a garbled softirq line', () => {
    expect(parseStat('softirq 10 1 2 3 4 0\n').softirq).toEqual({
      total: 10,
      vectors: [
        { name: 'hi', value: 1 },
        { name: 'timer', value: 2 },
        { name: 'net_tx', value: 3 },
        { name: 'net_rx', value: 4 },
        { name: 'block', value: 0 },
      ],
    });
    expect(parseStat('ctxt 1\nsoftirq 10 1 x 3\n').softirq).toBeUndefined();
  });

  it('reads counters beyond 2^32 and 2^53 as float64, as node_exporter does', () => {
    const s = parseStat('ctxt 4294967296\nintr 18446744073709551615 0\n');
    expect(s.contextSwitches).toBe(4294967296);
    expect(s.intrTotal).toBe(18446744073709551615);
  });

  it('reads a file truncated in the middle of a cpu line', () => {
    const s = parseStat('cpu  10 20 30 40 0 0 0 0 0 0\ncpu0 10 2');
    expect(s.cpus.get(0)).toEqual(times(10, 2));
  });

  it.each([
    ['empty', ''],
    ['garbage', 'hello world\nthis is not /proc/stat\n'],
    ['binary', '\u0000\u0001\u0002'],
    ['only malformed lines', 'cpu0 a b c\nctxt -\n'],
  ])('rejects %s input', (_name, text) => {
    expect(() => parseStat(text)).toThrow(/unexpected \/proc\/stat content/);
  });
});
