// /sys/class/dmi/id/ for the dmi collector: strings copied from the SMBIOS table at boot, kernel memory
// without a driver call: read synchronously. The serial numbers and product_uuid are root-only (0400):
// a permission error leaves that file out, as procfs does.
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { classifyReadError } from './readErrors.ts';
import { toValidUtf8 } from '../gostrings.ts';
import { DMI_FILES } from '../sysfs/dmi.ts';

/**
 * The known DMI files that are regular files and readable (name -> trimmed text, invalid UTF-8 made
 * valid as node_exporter does). Throws the listing's error (ENOENT: no DMI on this platform) and any
 * read error other than a permission one.
 */
export function readDmi(kfs: KernelFs): Map<string, string> {
  const dir = kfs.sys('class', 'dmi', 'id');
  const out = new Map<string, string>();
  for (const e of kfs.entriesSync(dir).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!e.isFile() || !DMI_FILES.has(e.name)) continue;
    try {
      out.set(e.name, toValidUtf8(kfs.attrBytesSync(join(dir, e.name))).trim());
    } catch (err) {
      if (classifyReadError(err) !== 'permission') throw err;
    }
  }
  return out;
}
