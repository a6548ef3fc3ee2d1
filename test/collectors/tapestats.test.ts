import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { success } from './procTree.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';
import type { Node } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.tapestats'];

/** An LTO drive: st0 and its nst0/st0a... aliases, all links to the same device's class directories. */
function drive(stats: Record<string, string>): Record<string, Node> {
  const dev = 'devices/pci0000:00/0000:00:1f.2/host4/target4:0:0/4:0:0:0/scsi_tape';
  const out: Record<string, Node> = {};
  for (const n of ['st0', 'nst0', 'st0a', 'nst0a']) out[`class/scsi_tape/${n}`] = { link: `../../${dev}/${n}` };
  for (const [k, v] of Object.entries(stats)) for (const n of ['st0', 'nst0', 'st0a', 'nst0a']) out[`${dev}/${n}/stats/${k}`] = v;
  return out;
}

describe('tapestats collector', () => {
  it('reports no data (success 0) on the router fixture, which has no tape drive', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY], log).scrape();
    expectGolden('router/tapestats.prom', stable(text));
    expect(text).not.toMatch(/^node_tape_/m);
    expect(success(text, 'tapestats')).toBe(0);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it('exports st<N> only, times in seconds, a missing counter as 0, and honours ignored-devices', async () => {
    const sys = sysTree(drive({ read_cnt: '12', read_ns: '1500000000', write_byte_cnt: '0x10', in_flight: '1', other_cnt: '3', io_ns: '2000000000', read_byte_cnt: '4096', resid_cnt: '0', write_cnt: '1' }));
    const text = await fixtureScraper(sysTreeFlags(sys, ['tapestats'])).scrape();
    expect(text.split('\n').filter((l) => l.startsWith('node_tape_'))).toEqual([
      'node_tape_io_now{device="st0"} 1',
      'node_tape_io_time_seconds_total{device="st0"} 2',
      'node_tape_io_others_total{device="st0"} 3',
      'node_tape_read_bytes_total{device="st0"} 4096',
      'node_tape_reads_completed_total{device="st0"} 12',
      'node_tape_read_time_seconds_total{device="st0"} 1.5',
      'node_tape_residual_total{device="st0"} 0',
      'node_tape_written_bytes_total{device="st0"} 16',
      'node_tape_writes_completed_total{device="st0"} 1',
      'node_tape_write_time_seconds_total{device="st0"} 0',
    ]);
    const ignored = await fixtureScraper(sysTreeFlags(sys, ['tapestats'], ['--collector.tapestats.ignored-devices=^st0$'])).scrape();
    expect(ignored).not.toMatch(/^node_tape_/m);
    expect(success(ignored, 'tapestats')).toBe(1);
  });

  it('fails (success 0) on a counter that does not parse', async () => {
    const text = await fixtureScraper(sysTreeFlags(sysTree(drive({ read_cnt: 'lots' })), ['tapestats'])).scrape();
    expect(samples(text, 'node_tape_reads_completed_total')).toEqual([]);
    expect(success(text, 'tapestats')).toBe(0);
  });
});
