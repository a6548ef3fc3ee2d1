// /sys/class/scsi_tape/st<N>/stats/ for the tapestats collector: counters the st driver keeps in memory
// (atomics updated as commands complete; show() prints them): read synchronously.
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { isTapeCounter, isTapeDevice } from '../sysfs/scsiTape.ts';

/** The st<N> entries of /sys/class/scsi_tape, sorted; throws the listing's error (ENOENT without tapes). */
export function tapeDevices(kfs: KernelFs): string[] {
  return kfs.listSync(kfs.sys('class', 'scsi_tape')).filter(isTapeDevice);
}

/** The counter files of one drive's stats/ (file -> trimmed text); throws the listing's or a read's error. */
export function readTapeStats(kfs: KernelFs, device: string): Map<string, string> {
  const dir = kfs.sys('class', 'scsi_tape', device, 'stats');
  const out = new Map<string, string>();
  for (const file of kfs.listSync(dir)) {
    if (isTapeCounter(file)) out.set(file, kfs.attrOrThrowSync(join(dir, file)));
  }
  return out;
}
