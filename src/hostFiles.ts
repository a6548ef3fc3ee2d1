// Files of the host that are neither kernel files nor under --path.rootfs: programs a collector runs
// (found on $PATH), files named by flags (a key file), and the textfile collector's directory. Those
// on a disk are read asynchronously (libuv's pool).
import { accessSync, constants, readFileSync } from 'node:fs';
import { open, readdir } from 'node:fs/promises';

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

/** An opened file whose content and modification time come from the same open (textfile: one file, one mtime). */
export interface OpenedFile {
  read(): Promise<Buffer>;
  /** Modification time in nanoseconds since the epoch. */
  mtimeNs(): Promise<bigint>;
  close(): Promise<void>;
}

/** Opens a file for reading; throws the open error. */
export async function openHostFile(path: string): Promise<OpenedFile> {
  const fh = await open(path, 'r');
  return {
    read: () => fh.readFile(),
    mtimeNs: async () => (await fh.stat({ bigint: true })).mtimeNs,
    close: () => fh.close(),
  };
}

/** Entry names of a directory, unsorted; throws the error. */
export function listHostDir(path: string): Promise<string[]> {
  return readdir(path);
}
