// What node_exporter's dmmultipath collector decides from /sys/block/dm-*/ attributes (prometheus/procfs's
// blockdevice.DMMultipathDevices). Pure: the reading is src/kernel/dmMultipath.ts.
import { parseGoUint64Base10 } from '../goparse.ts';

/** A device-mapper device set up by multipathd (dm/uuid "mpath-<wwid>"). */
export function isMultipathUuid(uuid: string): boolean {
  return uuid.startsWith('mpath-');
}

/** A path counts as active when its SCSI device is "running" or its NVMe controller "live". */
export function isPathActive(state: string): boolean {
  return state === 'running' || state === 'live';
}

/** util.ReadUintFromFile after the read: the trimmed text as a uint64, or undefined where procfs fails. */
export function parseSysfsUint(text: string): number | undefined {
  return parseGoUint64Base10(text.trim());
}
