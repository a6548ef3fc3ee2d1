// The I/O edge for collectors: paths under the configured procfs/sysfs/rootfs, and small file readers.
import { readFile, readdir, readlink, realpath } from 'node:fs/promises';
import { join } from 'node:path';

export interface Paths {
  readonly procfs: string;
  readonly sysfs: string;
  readonly rootfs: string;
}

export function procPath(paths: Paths, ...parts: string[]): string {
  return join(paths.procfs, ...parts);
}
export function sysPath(paths: Paths, ...parts: string[]): string {
  return join(paths.sysfs, ...parts);
}
export function rootfsPath(paths: Paths, ...parts: string[]): string {
  return join(paths.rootfs, ...parts);
}

export async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/** Reads a file, or returns undefined if it does not exist or cannot be read (sysfs attributes often fail with EINVAL/EIO). */
export async function readTextOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Trimmed contents of a one-value sysfs attribute, or undefined. */
export async function readAttr(path: string): Promise<string | undefined> {
  const t = await readTextOptional(path);
  return t === undefined ? undefined : t.trim();
}

export async function listDir(path: string): Promise<string[]> {
  return (await readdir(path)).sort();
}

export async function listDirOptional(path: string): Promise<string[]> {
  try {
    return await listDir(path);
  } catch {
    return [];
  }
}

export async function readLinkOptional(path: string): Promise<string | undefined> {
  try {
    return await readlink(path);
  } catch {
    return undefined;
  }
}

export async function realPathOptional(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    return undefined;
  }
}

export function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 'ENOENT';
}
