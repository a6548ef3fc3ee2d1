// The md attributes of /sys/block/md*/md/ that node_exporter's mdadm collector turns into numbers
// (prometheus/procfs's sysfs.Mdraids). Pure: the reading is src/kernel/mdraid.ts.
import { parseGoUint64Base10 } from '../goparse.ts';

/** Levels without member disks of their own: procfs leaves their disk count unset. */
const CONTAINER_LEVELS: ReadonlySet<string> = new Set(['container', 'imsm', 'ddf', '']);
/** Levels whose chunk_size procfs reads (and fails on when it cannot). */
export const CHUNKED_LEVELS: ReadonlySet<string> = new Set(['raid0', 'raid4', 'raid5', 'raid6', 'raid10']);
/** Levels whose degraded, sync_action and sync_completed procfs reads. */
export const REDUNDANT_LEVELS: ReadonlySet<string> = new Set(['raid1', 'raid4', 'raid5', 'raid6', 'raid10']);

/** Whether procfs reads raid_disks for this level. */
export function hasRaidDisks(level: string): boolean {
  return !CONTAINER_LEVELS.has(level);
}

/**
 * raid_disks: a plain count, or "current (previous)" during a reshape (the first number); undefined
 * (no node_md_raid_disks sample) when empty or neither form parses.
 */
export function parseRaidDisks(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const whole = parseGoUint64Base10(t);
  if (whole !== undefined) return whole;
  const space = t.indexOf(' ');
  return space > 0 ? parseGoUint64Base10(t.slice(0, space)) : undefined;
}

const SYNC_COMPLETED = /^\s*(\d+)\s*\/\s*(\d+)/;

/**
 * sync_completed: "none", or "done / total" sectors (fmt.Sscanf "%d / %d"); false where procfs fails.
 */
export function syncCompletedValid(text: string): boolean {
  if (text === 'none') return true;
  const m = SYNC_COMPLETED.exec(text);
  return m !== null && parseGoUint64Base10(m[1] as string) !== undefined && parseGoUint64Base10(m[2] as string) !== undefined;
}
