// /sys/devices/system/edac/mc/ for the edac collector. Every file is a counter or a label the EDAC core
// keeps in memory (the driver's polling updates them; show() only prints): read synchronously.
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { edacChannelNumber, edacControllerNumber, edacCsrowNumber } from '../sysfs/edac.ts';

export interface EdacChannelTexts {
  readonly channel: string;
  readonly ce: string;
  /** Undefined when ch<K>_ue_count cannot be read (node_exporter then leaves the sample out). */
  readonly ue: string | undefined;
  readonly label: string | undefined;
}
export interface EdacCsrowTexts {
  readonly csrow: string;
  readonly ce: string;
  readonly ue: string;
  readonly channels: EdacChannelTexts[];
}
export interface EdacControllerTexts {
  readonly controller: string;
  readonly ce: string;
  readonly ceNoinfo: string;
  readonly ue: string;
  readonly ueNoinfo: string;
  readonly csrows: EdacCsrowTexts[];
}

function required(kfs: KernelFs, path: string): string {
  try {
    return kfs.readTextSync(path);
  } catch (err) {
    throw new Error(`couldn't read ${path}: ${(err as Error).message}`, { cause: err });
  }
}

function optional(kfs: KernelFs, path: string): string | undefined {
  try {
    return kfs.readTextSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The controllers, csrows and channels, their counters as text. No controllers when the directory is
 * missing (one listing: what a machine without EDAC pays). A counter node_exporter requires that cannot
 * be read throws.
 */
export function readEdac(kfs: KernelFs): EdacControllerTexts[] {
  const root = kfs.sys('devices', 'system', 'edac', 'mc');
  return kfs.listOptionalSync(root).flatMap((entry) => {
    const controller = edacControllerNumber(entry);
    if (controller === undefined) return [];
    const dir = join(root, entry);
    const counts = {
      ce: required(kfs, join(dir, 'ce_count')),
      ceNoinfo: required(kfs, join(dir, 'ce_noinfo_count')),
      ue: required(kfs, join(dir, 'ue_count')),
      ueNoinfo: required(kfs, join(dir, 'ue_noinfo_count')),
    };
    const csrows = kfs.listOptionalSync(dir).flatMap((rowEntry): EdacCsrowTexts[] => {
      const csrow = edacCsrowNumber(rowEntry);
      if (csrow === undefined) return [];
      const rowDir = join(dir, rowEntry);
      const ce = required(kfs, join(rowDir, 'ce_count'));
      const ue = required(kfs, join(rowDir, 'ue_count'));
      const channels = kfs.listOptionalSync(rowDir).flatMap((file): EdacChannelTexts[] => {
        const channel = edacChannelNumber(file);
        if (channel === undefined) return [];
        return [
          {
            channel,
            label: optional(kfs, join(rowDir, `ch${channel}_dimm_label`)),
            ce: required(kfs, join(rowDir, file)),
            ue: optional(kfs, join(rowDir, `ch${channel}_ue_count`)),
          },
        ];
      });
      return [{ csrow, ce, ue, channels }];
    });
    return [{ controller, ...counts, csrows }];
  });
}
