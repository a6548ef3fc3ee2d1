// /sys/class/fc_host/<host>/ for the fibrechannel collector. The FC transport asks the HBA driver for
// the dynamic attributes (speed, port_state, port_type, port_id, fabric_name, symbolic_name: the
// get_host_* callbacks) and for every statistics/ file (get_fc_host_stats: a mailbox command to the
// HBA's firmware that the driver waits for): off the event loop, cut at the deadline. node_name,
// port_name, dev_loss_tmo and the supported_* lists are kept in memory: synchronous.
import type { Dirent } from 'node:fs';
import { readAttrs, readAttrsMixed, presentOrThrow } from './attrs.ts';
import type { KernelFs } from './kernelFs.ts';
import { classifyReadError, errnoCode } from './readErrors.ts';
import { FC_COUNTER_FILES } from '../sysfs/fibreChannel.ts';
import type { FcInfoAttr } from '../sysfs/fibreChannel.ts';

const SYNC = ['port_name', 'dev_loss_tmo', 'supported_classes', 'supported_speeds'] as const;
const ASYNC = ['speed', 'port_state', 'port_type', 'port_id', 'fabric_name', 'symbolic_name'] as const;

/** The hosts of /sys/class/fc_host, sorted; throws the listing's error (ENOENT without an FC HBA). */
export function fcHostNames(kfs: KernelFs): string[] {
  return kfs.listSync(kfs.sys('class', 'fc_host'));
}

/** The host attributes that exist; a missing one is left out, any other read error is thrown. */
export async function readFcHostAttrs(kfs: KernelFs, host: string, deadline: number): Promise<Partial<Record<FcInfoAttr, string>>> {
  return presentOrThrow(await readAttrsMixed(kfs, kfs.sys('class', 'fc_host', host), SYNC, ASYNC, deadline));
}

/**
 * The counter files of statistics/ (file -> text): none without the directory. Write-only files
 * (reset_statistics) and what the driver refuses (ENOENT, EOPNOTSUPP) are left out, as procfs does;
 * other errors are thrown.
 */
export async function readFcHostStatistics(kfs: KernelFs, host: string, deadline: number): Promise<Map<string, string>> {
  const dir = kfs.sys('class', 'fc_host', host, 'statistics');
  let entries: Dirent[];
  try {
    entries = kfs.entriesSync(dir);
  } catch (err) {
    if (classifyReadError(err) === 'missing') return new Map();
    throw err;
  }
  const files = entries.filter((e) => e.isFile() && FC_COUNTER_FILES.has(e.name)).map((e) => e.name);
  const out = new Map<string, string>();
  for (const [file, r] of Object.entries(await readAttrs(kfs, dir, files, deadline))) {
    if (r.ok) out.set(file, r.text);
    else if (classifyReadError(r.err) !== 'missing' && !['EOPNOTSUPP', 'ENOTSUP'].includes(errnoCode(r.err) ?? '')) throw r.err;
  }
  return out;
}
