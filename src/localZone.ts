// The host's local time zone as Go's time package initialises time.Local: not under --path.rootfs, since
// it is this process's clock that node_time_zone_offset_seconds describes, as in node_exporter.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TzData } from './timezone.ts';
import { UTC_DATA, parseTzif } from './timezone.ts';

const ZONE_SOURCES = ['/usr/share/zoneinfo/', '/usr/share/lib/zoneinfo/', '/usr/lib/locale/TZ/', '/etc/zoneinfo'];

async function tryLoad(path: string): Promise<TzData | undefined> {
  try {
    return parseTzif(await readFile(path));
  } catch {
    return undefined;
  }
}

/**
 * The local zone as Go's time package initialises it (time.Local): $TZ unset means /etc/localtime; TZ="" or
 * TZ="UTC" means UTC; ":name" or "name" is looked up in the zoneinfo directories, "/path" read as is.
 * Anything that does not load is UTC, as in Go (which also ignores POSIX strings such as
 * TZ="CET-1CEST,M3.5.0,M10.5.0/3" that are not file names, and OpenWrt's /etc/TZ).
 */
export async function loadLocalZone(tzEnv: string | undefined = process.env.TZ): Promise<TzData> {
  if (tzEnv === undefined) return (await tryLoad('/etc/localtime')) ?? UTC_DATA;
  const name = tzEnv.startsWith(':') ? tzEnv.slice(1) : tzEnv;
  if (name === '' || name === 'UTC') return UTC_DATA;
  if (name.startsWith('/')) return (await tryLoad(name)) ?? UTC_DATA;
  for (const dir of ZONE_SOURCES) {
    const z = await tryLoad(join(dir, name));
    if (z) return z;
  }
  return UTC_DATA;
}
