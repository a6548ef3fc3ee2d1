// /sys/class/scsi_tape/st<N>/stats/ (Documentation/scsi/st.rst, "Sysfs and statistics for tape
// devices"), as prometheus/procfs's sysfs.SCSITapeClass reads it: the st<N> devices only (not the
// nst<N>, st<N>a... variants of the same drive), every counter strconv.ParseUint(s, 0, 64).
//   read_cnt 3741   read_byte_cnt 979383912   read_ns 33788355744   in_flight 1
import { parseGoUint64 } from '../goparse.ts';

export const TAPE_COUNTERS = ['in_flight', 'io_ns', 'other_cnt', 'read_byte_cnt', 'read_cnt', 'read_ns', 'resid_cnt', 'write_byte_cnt', 'write_cnt', 'write_ns'] as const;
export type TapeCounter = (typeof TAPE_COUNTERS)[number];

const DEVICE = /^st\d+$/;
const KNOWN: ReadonlySet<string> = new Set(TAPE_COUNTERS);

/** Whether a /sys/class/scsi_tape entry is a tape drive procfs reads (st0, not nst0 or st0a). */
export function isTapeDevice(name: string): boolean {
  return DEVICE.test(name);
}

/** Whether a file of stats/ is one of the counters. */
export function isTapeCounter(file: string): file is TapeCounter {
  return KNOWN.has(file);
}

/**
 * The counters from the stats/ files that exist (file -> text). A counter absent from the directory is 0,
 * as in procfs; one that does not parse throws (node_exporter crashes there).
 */
export function parseTapeStats(files: ReadonlyMap<string, string>): Record<TapeCounter, number> {
  const out = Object.fromEntries(TAPE_COUNTERS.map((c) => [c, 0])) as Record<TapeCounter, number>;
  for (const [file, text] of files) {
    if (!isTapeCounter(file)) continue;
    const v = parseGoUint64(text);
    if (v === undefined) throw new Error(`scsi_tape stats/${file}: invalid number ${JSON.stringify(text)}`);
    out[file] = Number(v);
  }
  return out;
}
