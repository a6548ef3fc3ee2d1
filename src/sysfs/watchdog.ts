// /sys/class/watchdog/<name>/ (Documentation/ABI/testing/sysfs-class-watchdog), as prometheus/procfs's
// sysfs.WatchdogClass reads it: numbers as strconv.ParseInt(s, 0, 64), texts as they are; a file that
// is missing is absent, a number that does not parse fails the whole class.
//   bootstatus 0   identity "mtk-wdt"   nowayout 0   state "active"   timeout 31   options 0x8180
import { parseGoInt } from '../goparse.ts';

export const WATCHDOG_NUMBERS = ['bootstatus', 'fw_version', 'nowayout', 'timeleft', 'timeout', 'pretimeout', 'access_cs0'] as const;
export const WATCHDOG_TEXTS = ['options', 'identity', 'state', 'status', 'pretimeout_governor'] as const;
export type WatchdogNumber = (typeof WATCHDOG_NUMBERS)[number];
export type WatchdogText = (typeof WATCHDOG_TEXTS)[number];
export type WatchdogAttr = WatchdogNumber | WatchdogText;

export interface Watchdog {
  readonly name: string;
  readonly numbers: Partial<Record<WatchdogNumber, number>>;
  readonly texts: Partial<Record<WatchdogText, string>>;
}

/** One watchdog from the attributes that exist (name -> trimmed text); throws on a number that does not parse. */
export function parseWatchdog(name: string, attrs: Partial<Record<WatchdogAttr, string>>): Watchdog {
  const numbers: Partial<Record<WatchdogNumber, number>> = {};
  const texts: Partial<Record<WatchdogText, string>> = {};
  for (const a of WATCHDOG_NUMBERS) {
    const t = attrs[a];
    if (t === undefined) continue;
    const v = parseGoInt(t);
    if (v === undefined) throw new Error(`watchdog ${name}: ${a}: invalid number ${JSON.stringify(t)}`);
    numbers[a] = v;
  }
  for (const a of WATCHDOG_TEXTS) {
    const t = attrs[a];
    if (t !== undefined) texts[a] = t;
  }
  return { name, numbers, texts };
}
