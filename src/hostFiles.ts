// Files of the host that are neither kernel files nor under --path.rootfs: programs a collector runs
// (found on $PATH) and files named by flags (a key file). Read once, at start-up or when first needed.
import { accessSync, constants, readFileSync } from 'node:fs';

/** Whether path is a file this process may execute. */
export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The whole file; throws the read error. */
export function readHostFileSync(path: string): Buffer {
  return readFileSync(path);
}
