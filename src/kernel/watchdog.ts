// /sys/class/watchdog/<name>/ for the watchdog collector. Most attributes are fields of struct
// watchdog_device (kernel memory): read synchronously. `status` and `timeleft` call the driver's
// ops->status()/get_timeleft(), which read the timer's registers, over i2c/SPI for an external
// watchdog chip: off the event loop, cut at the deadline.
import { readAttrsMixed, presentOrThrow } from './attrs.ts';
import type { KernelFs } from './kernelFs.ts';
import type { WatchdogAttr } from '../sysfs/watchdog.ts';

const SYNC = ['bootstatus', 'options', 'fw_version', 'identity', 'nowayout', 'state', 'timeout', 'pretimeout', 'pretimeout_governor', 'access_cs0'] as const;
const ASYNC = ['status', 'timeleft'] as const;

/** The entries of /sys/class/watchdog, sorted; throws the listing's error (ENOENT without the class). */
export function watchdogNames(kfs: KernelFs): string[] {
  return kfs.listSync(kfs.sys('class', 'watchdog'));
}

/** The attributes one watchdog has; a missing one is left out, any other read error is thrown. */
export async function readWatchdog(kfs: KernelFs, name: string, deadline: number): Promise<Partial<Record<WatchdogAttr, string>>> {
  return presentOrThrow(await readAttrsMixed(kfs, kfs.sys('class', 'watchdog', name), SYNC, ASYNC, deadline));
}
