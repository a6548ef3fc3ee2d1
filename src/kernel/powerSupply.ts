// /sys/class/power_supply/<supply>/: the known attribute files of each supply, for the
// powersupplyclass collector (prometheus/procfs's sysfs.PowerSupplyClass). Battery gauges, UPS and PoE
// controllers answer over i2c, SMBus or ACPI methods when read: off the event loop, cut at the deadline.
import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { toValidUtf8 } from '../gostrings.ts';
import { KNOWN_ATTRS } from '../sysfs/powerSupply.ts';

/** The supply names, sorted; throws the listing's error (ENOENT without /sys/class/power_supply). */
export function powerSupplyNames(kfs: KernelFs): string[] {
  return kfs.listSync(kfs.sys('class', 'power_supply'));
}

/**
 * The known attributes of one supply (file name -> text). One read of at most 128 bytes, trimmed, as
 * procfs's util.SysReadFile; invalid UTF-8 (a battery's model_name straight from its EEPROM) is made
 * valid the way node_exporter does it. Unreadable ones (EINVAL, ENODATA, EIO from a driver) are left
 * out; one still stuck at the deadline throws StuckReadError. Undefined when the directory is gone.
 */
export async function readPowerSupply(kfs: KernelFs, name: string, deadline: number): Promise<Map<string, string> | undefined> {
  const dir = kfs.sys('class', 'power_supply', name);
  let entries: Dirent[];
  try {
    entries = kfs.entriesSync(dir);
  } catch {
    return undefined; // gone since the class directory was listed
  }
  const files = entries.filter((e) => !e.isDirectory() && !e.isSymbolicLink() && KNOWN_ATTRS.has(e.name)).map((e) => e.name);
  const values = await kfs.attrBytesMany(
    files.map((f) => join(dir, f)),
    deadline,
  );
  const attrs = new Map<string, string>();
  files.forEach((f, i) => {
    const b = values[i];
    if (b !== undefined && !(b instanceof Error)) attrs.set(f, toValidUtf8(b).trim());
  });
  return attrs;
}
