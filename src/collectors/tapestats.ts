// node_tape_* from /sys/class/scsi_tape (node_exporter's collector/tapestats_linux.go on
// prometheus/procfs's sysfs.SCSITapeClass): I/O statistics of SCSI tape drives.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { readTapeStats, tapeDevices } from '../kernel/scsiTape.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import { parseTapeStats } from '../sysfs/scsiTape.ts';
import type { TapeCounter } from '../sysfs/scsiTape.ts';

const IGNORED = 'collector.tapestats.ignored-devices';
const NS = 1e-9;

const METRICS: ReadonlyArray<readonly [TapeCounter, string, 'gauge' | 'counter', number, string]> = [
  ['in_flight', 'io_now', 'gauge', 1, 'The number of I/Os currently outstanding to this device.'],
  [
    'io_ns',
    'io_time_seconds_total',
    'counter',
    NS,
    'The amount of time spent waiting for all I/O to complete (including read and write). This includes tape movement commands such as seeking between file or set marks and implicit tape movement such as when rewind on close tape devices are used.',
  ],
  [
    'other_cnt',
    'io_others_total',
    'counter',
    1,
    'The number of I/Os issued to the tape drive other than read or write commands. The time taken to complete these commands uses the following calculation io_time_seconds_total-read_time_seconds_total-write_time_seconds_total',
  ],
  ['read_byte_cnt', 'read_bytes_total', 'counter', 1, 'The number of bytes read from the tape drive.'],
  ['read_cnt', 'reads_completed_total', 'counter', 1, 'The number of read requests issued to the tape drive.'],
  ['read_ns', 'read_time_seconds_total', 'counter', NS, 'The amount of time spent waiting for read requests to complete.'],
  [
    'resid_cnt',
    'residual_total',
    'counter',
    1,
    'The number of times during a read or write we found the residual amount to be non-zero. This should mean that a program is issuing a read larger thean the block size on tape. For write not all data made it to tape.',
  ],
  ['write_byte_cnt', 'written_bytes_total', 'counter', 1, 'The number of bytes written to the tape drive.'],
  ['write_cnt', 'writes_completed_total', 'counter', 1, 'The number of write requests issued to the tape drive.'],
  ['write_ns', 'write_time_seconds_total', 'counter', NS, 'The amount of time spent waiting for write requests to complete.'],
];

export const tapestats: CollectorDefinition = {
  name: 'tapestats',
  defaultEnabled: true,
  help: 'Exposes tape device stats from /sys/class/scsi_tape.',
  flags: [{ name: IGNORED, type: 'regex', default: '^$', help: 'Regexp of devices to ignore for tapestats.' }],
  create(env) {
    const ignored = env.flags.regex(IGNORED);
    return {
      async update(ctx) {
        let tapes: { name: string; stats: Record<TapeCounter, number> }[];
        try {
          tapes = tapeDevices(ctx.kernel).map((name) => ({ name, stats: parseTapeStats(readTapeStats(ctx.kernel, name)) }));
        } catch (err) {
          if (isNotFound(err)) throw new NoDataError('scsi_tape stats not found');
          throw err;
        }
        for (const t of tapes) {
          if (ignored?.test(t.name)) continue;
          for (const [attr, metric, type, scale, help] of METRICS) {
            const family = type === 'gauge' ? ctx.gauge(`node_tape_${metric}`, help, ['device']) : ctx.counter(`node_tape_${metric}`, help, ['device']);
            family.set(scale === 1 ? t.stats[attr] : t.stats[attr] * scale, t.name);
          }
        }
      },
    };
  },
};
