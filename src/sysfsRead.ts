// One read(2) of a sysfs attribute, as node_exporter and prometheus/procfs do it (util.SysReadFile):
// broken hwmon drivers answer EAGAIN, and a read loop would poll them forever. At most 128 bytes.
// Synchronous inside, like fsread.ts: a sysfs attribute is produced by the kernel on read, and three
// thread-pool round trips (open, read, close) cost ten times the read itself.
import { closeSync, openSync, readSync } from 'node:fs';

export const SYSFS_READ_SIZE = 128;

/** The bytes of one read of the file (up to `max`); throws the open/read error (ENOENT, EIO, EAGAIN, EISDIR...). */
export async function sysReadBytes(path: string, max: number = SYSFS_READ_SIZE): Promise<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(max);
    const bytesRead = readSync(fd, buf, 0, max, null);
    return buf.subarray(0, bytesRead);
  } finally {
    closeSync(fd);
  }
}

/** util.SysReadFile: one read, whitespace trimmed at both ends. Throws on open/read errors. */
export async function sysReadString(path: string): Promise<string> {
  return Buffer.from(await sysReadBytes(path)).toString('utf8').trim();
}

/** The errno code of a failed file operation ("ENOENT", "EIO"...), or undefined. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const c = (err as { code: unknown }).code;
    if (typeof c === 'string') return c;
  }
  return undefined;
}
