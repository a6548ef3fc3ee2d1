// /sys/block/dm-*/: the DM-multipath devices and their paths, read for the dmmultipath collector
// (prometheus/procfs's blockdevice.DMMultipathDevices). All synchronous: dm/uuid, dm/name,
// dm/suspended and size are the mapped device's in-memory fields, a path's device/state is the SCSI
// device's (or NVMe controller's) state variable; no driver is asked.
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { isNotFound } from './readErrors.ts';
import { isMultipathUuid, parseSysfsUint } from '../sysfs/dmMultipath.ts';

export interface DmMultipathPath {
  /** "sdi" */
  readonly device: string;
  /** The raw device/state: "running", "offline", "live"… */
  readonly state: string;
}

export interface DmMultipathDevice {
  /** dm/name, "mpatha" */
  readonly name: string;
  /** "dm-5" */
  readonly sysfsName: string;
  readonly uuid: string;
  readonly suspended: boolean;
  readonly sizeBytes: number;
  readonly paths: readonly DmMultipathPath[];
}

/** A sysfs number procfs could not parse: the collector fails. */
export class DmMultipathError extends Error {}

function uintAttr(kfs: KernelFs, path: string): number {
  const text = kfs.readTextSync(path);
  const v = parseSysfsUint(text);
  if (v === undefined) throw new DmMultipathError(`${path}: invalid unsigned integer ${JSON.stringify(text.trim())}`);
  return v;
}

function paths(kfs: KernelFs, dm: string): DmMultipathPath[] {
  let slaves: string[];
  try {
    slaves = kfs.listSync(kfs.sys('block', dm, 'slaves'));
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
  return slaves.map((device) => ({ device, state: kfs.attrOrThrowSync(kfs.sys('block', device, 'device', 'state')) }));
}

/**
 * The dm-* block devices whose dm/uuid starts with "mpath-". Throws the first read error (ENOENT when
 * /sys/block or a path's state is missing) or DmMultipathError, as procfs returns them.
 */
export function readDmMultipathDevices(kfs: KernelFs): DmMultipathDevice[] {
  const out: DmMultipathDevice[] = [];
  for (const sysfsName of kfs.listSync(kfs.sys('block'))) {
    if (!sysfsName.startsWith('dm-')) continue;
    const dm = kfs.sys('block', sysfsName, 'dm');
    let uuid: string;
    try {
      uuid = kfs.attrOrThrowSync(join(dm, 'uuid'));
    } catch (err) {
      if (isNotFound(err)) continue; // not a device-mapper device
      throw err;
    }
    if (!isMultipathUuid(uuid)) continue;
    const name = kfs.attrOrThrowSync(join(dm, 'name'));
    const suspended = uintAttr(kfs, join(dm, 'suspended')) === 1;
    const sectors = uintAttr(kfs, kfs.sys('block', sysfsName, 'size'));
    out.push({ name, sysfsName, uuid, suspended, sizeBytes: sectors * 512, paths: paths(kfs, sysfsName) });
  }
  return out;
}
