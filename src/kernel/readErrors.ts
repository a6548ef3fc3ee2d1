// How a failed read of a kernel file is classified: the one place that decides it (prometheus/procfs
// makes the same split in its sysfs class readers).
//
//   missing     ENOENT, ENOTDIR: the file or device is not there (went away, or this kernel has none)
//               -> no data, not an error.
//   skip        EINVAL, ENODATA, EAGAIN, EOPNOTSUPP, ENXIO, ENODEV, EISDIR, EBUSY: the driver refuses
//               this attribute now (a link that is down has no speed; a broken hwmon driver answers
//               EAGAIN) -> skip that attribute or device, as procfs does.
//   permission  EACCES, EPERM (and Deno's NotCapable): not allowed to read it.
//   stuck       the read did not return by the scrape's deadline (StuckReadError).
//   io          EIO and everything else: the hardware or the driver failed.
//
// Separately, for a descriptor kept open to re-read an attribute (blockingRead.ts): ENODEV, ENXIO,
// EBADF and ESTALE mean the file or its device went away (descriptorGone: drop it); any other error
// is the attribute's answer for now, and the descriptor is read again next time.

export type ReadErrorKind = 'missing' | 'skip' | 'permission' | 'stuck' | 'io';

/** The errno code of a failed file operation ("ENOENT", "EIO"...), or undefined. */
export function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const c = (err as { code: unknown }).code;
    if (typeof c === 'string') return c;
  }
  return undefined;
}

/** A read that had not returned by its deadline; it stays pending in the kernel, and is not issued again while it is. */
export class StuckReadError extends Error {
  readonly code = 'ESTUCK';
  constructor(readonly path: string) {
    super(`read of ${path} did not return in time (a driver is not answering; not read again until it does)`);
    this.name = 'StuckReadError';
  }
}

const MISSING: ReadonlySet<string> = new Set(['ENOENT', 'ENOTDIR']);
const SKIP: ReadonlySet<string> = new Set(['EINVAL', 'ENODATA', 'EAGAIN', 'EOPNOTSUPP', 'ENOTSUP', 'ENXIO', 'ENODEV', 'EISDIR', 'EBUSY', 'ESPIPE']);
const PERMISSION: ReadonlySet<string> = new Set(['EACCES', 'EPERM']);

export function classifyReadError(err: unknown): ReadErrorKind {
  if (err instanceof StuckReadError) return 'stuck';
  const code = errnoCode(err);
  if (code !== undefined) {
    if (MISSING.has(code)) return 'missing';
    if (SKIP.has(code)) return 'skip';
    if (PERMISSION.has(code)) return 'permission';
  }
  // Deno without the permission reports NotCapable / PermissionDenied errors without an errno code.
  if (err instanceof Error && /NotCapable|PermissionDenied/.test(err.name)) return 'permission';
  return 'io';
}

export function isNotFound(err: unknown): boolean {
  return errnoCode(err) === 'ENOENT';
}

/** Whether a failed attribute read only means "this attribute has no value now" (missing or refused). */
export function isAbsentValue(err: unknown): boolean {
  const k = classifyReadError(err);
  return k === 'missing' || k === 'skip';
}

const GONE: ReadonlySet<string> = new Set(['ENODEV', 'ENXIO', 'EBADF', 'ESTALE']);

/** Whether a failed read of a kept descriptor says the file or its device went away (drop the descriptor). */
export function descriptorGone(err: unknown): boolean {
  const code = errnoCode(err);
  return code !== undefined && GONE.has(code);
}
