// /sys/fs/bcachefs/<uuid>/: the mounted bcachefs filesystems, read for the bcachefs collector
// (prometheus/procfs's bcachefs.FS.Stats). Which reads are which:
//   compression_stats  off the event loop, cut at the deadline: on kernels before the disk accounting
//                      rewrite (6.11) its show() walks the whole extents btree, reading btree nodes
//                      from disk - seconds on a large filesystem.
//   everything else    synchronous: the counters, errors, btree write stats and the devices' io_done /
//                      io_errors are sums of in-memory (per-cpu) counters; label, state, bucket size,
//                      nbuckets and durability are copies of the superblock held in memory.
import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { isNotFound } from './readErrors.ts';
import type { BtreeWrites, Compression } from '../sysfs/bcachefs.ts';
import {
  parseBtreeWriteStats,
  parseCompressionStats,
  parseCounter,
  parseDeviceUint,
  parseErrors,
  parseHumanBytes,
  parseIoDone,
  parseIoErrors,
} from '../sysfs/bcachefs.ts';

export interface BcachefsDevice {
  /** "6" for dev-6 */
  readonly device: string;
  readonly label: string;
  readonly state: string;
  readonly bucketSizeBytes: number;
  readonly buckets: number;
  readonly durability: number;
  readonly ioDone: Map<string, Map<string, number>>;
  readonly ioErrors: Map<string, number>;
}

export interface BcachefsStats {
  readonly uuid: string;
  readonly btreeCacheSizeBytes: number;
  readonly compression: Map<string, Compression>;
  readonly errors: Map<string, number>;
  /** Counter name -> value since filesystem creation. */
  readonly counters: Map<string, number>;
  readonly btreeWrites: Map<string, BtreeWrites>;
  readonly devices: readonly BcachefsDevice[];
}

/** The file's text, or undefined when it does not exist; other errors are thrown (procfs's openIfExists). */
function optional(kfs: KernelFs, path: string): string | undefined {
  try {
    return kfs.readTextSync(path);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** procfs's readSysfsFile: trimmed text, "" on any error. */
function orEmpty(kfs: KernelFs, path: string): string {
  try {
    return kfs.readTextSync(path).trim();
  } catch {
    return '';
  }
}

function counters(kfs: KernelFs, dir: string): Map<string, number> {
  const out = new Map<string, number>();
  let entries: Dirent[];
  try {
    entries = kfs.entriesSync(dir);
  } catch (err) {
    if (isNotFound(err)) return out;
    throw err;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.isDirectory()) continue;
    const text = optional(kfs, join(dir, e.name));
    out.set(e.name, text === undefined ? 0 : parseCounter(text));
  }
  return out;
}

function devices(kfs: KernelFs, fsDir: string): BcachefsDevice[] {
  const out: BcachefsDevice[] = [];
  for (const e of kfs.entriesSync(fsDir)) {
    if (!e.isDirectory() || !e.name.startsWith('dev-')) continue;
    const dir = join(fsDir, e.name);
    const bucketSize = orEmpty(kfs, join(dir, 'bucket_size'));
    const uintFile = (name: string): number => {
      const text = optional(kfs, join(dir, name));
      return text === undefined ? 0 : parseDeviceUint(text, name);
    };
    const ioDone = optional(kfs, join(dir, 'io_done'));
    const ioErrors = optional(kfs, join(dir, 'io_errors'));
    out.push({
      device: e.name.slice('dev-'.length),
      label: orEmpty(kfs, join(dir, 'label')),
      state: orEmpty(kfs, join(dir, 'state')),
      bucketSizeBytes: bucketSize === '' ? 0 : parseHumanBytes(bucketSize),
      buckets: uintFile('nbuckets'),
      durability: uintFile('durability'),
      ioDone: ioDone === undefined ? new Map() : parseIoDone(ioDone),
      ioErrors: ioErrors === undefined ? new Map() : parseIoErrors(ioErrors),
    });
  }
  return out;
}

async function readOne(kfs: KernelFs, uuid: string, deadline: number): Promise<BcachefsStats> {
  const dir = kfs.sys('fs', 'bcachefs', uuid);
  const cache = optional(kfs, join(dir, 'btree_cache_size'))?.trim() ?? '';
  const btreeCacheSizeBytes = cache === '' ? 0 : parseHumanBytes(cache);
  let compressionText: string | undefined;
  try {
    compressionText = await kfs.attrPage(join(dir, 'compression_stats'), deadline);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const errorsText = optional(kfs, join(dir, 'errors'));
  const compression = compressionText === undefined ? new Map<string, Compression>() : parseCompressionStats(compressionText);
  const errors = errorsText === undefined ? new Map<string, number>() : parseErrors(errorsText);
  const counterValues = counters(kfs, join(dir, 'counters'));
  const writesText = optional(kfs, join(dir, 'btree_write_stats'));
  const btreeWrites = writesText === undefined ? new Map<string, BtreeWrites>() : parseBtreeWriteStats(writesText);
  return { uuid, btreeCacheSizeBytes, compression, errors, counters: counterValues, btreeWrites, devices: devices(kfs, dir) };
}

/**
 * Every filesystem under /sys/fs/bcachefs. Throws the listing's error (ENOENT when no bcachefs is
 * loaded), and the first read or parse error of any filesystem, as procfs does.
 */
export async function readBcachefs(kfs: KernelFs, deadline: number): Promise<BcachefsStats[]> {
  const base = kfs.sys('fs', 'bcachefs');
  const uuids = kfs
    .entriesSync(base)
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const out: BcachefsStats[] = [];
  for (const uuid of uuids) out.push(await readOne(kfs, uuid, deadline));
  return out;
}
