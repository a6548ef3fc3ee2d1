// The kernel's files as collectors' readers see them: the procfs, sysfs and rootfs roots, and read
// primitives that say what they do.
//
//   synchronous (…Sync)  for what the kernel answers from memory without running a driver: /proc
//                        seq_files, directory listings, symlinks, stat. A synchronous open+read+close
//                        costs a few µs, three libuv round trips ten times that.
//   blocking (attr…)     for attributes a driver's show() produces (hwmon, thermal, net class, power
//                        supplies, cpufreq: the list and the reasons are in blockingRead.ts): off the
//                        event loop, cut at the scrape's deadline, never re-issued while pending.
//   disk (…File, …Dir)   for files on a real filesystem (rootfs: os-release, zoneinfo): asynchronous
//                        through libuv's pool, as a disk or flash may be slow; no deadline (a disk
//                        answers or fails).
import type { Dirent, Stats } from 'node:fs';
import { close, closeSync, open, openSync, read, readFileSync, readSync, readdirSync, readlinkSync, realpathSync, statSync, statfs as statfsCb } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BlockingReader, SYSFS_READ_SIZE } from './blockingRead.ts';
import { isNotFound } from './readErrors.ts';
import { blockingSlots } from '../threadpool.ts';

/** The numbers of statfs(2) (the filesystem collector takes all but type). */
export interface StatfsNumbers {
  readonly type: bigint;
  readonly bsize: bigint;
  readonly blocks: bigint;
  readonly bfree: bigint;
  readonly bavail: bigint;
  readonly files: bigint;
  readonly ffree: bigint;
}

/** stat(2) of a file, as the disk primitives return it. */
export type FileStats = Stats;

export interface Roots {
  readonly procfs: string;
  readonly sysfs: string;
  readonly rootfs: string;
}

/** The configured roots (--path.procfs, --path.sysfs, --path.rootfs). */
export type Paths = Roots;

const syncBuffer = Buffer.alloc(SYSFS_READ_SIZE);
/** What one show() of a sysfs attribute can produce (PAGE_SIZE). */
const SYSFS_PAGE_SIZE = 4096;

export class KernelFs {
  constructor(
    readonly roots: Roots,
    private readonly blocking: BlockingReader,
  ) {}

  proc(...parts: string[]): string {
    return join(this.roots.procfs, ...parts);
  }
  sys(...parts: string[]): string {
    return join(this.roots.sysfs, ...parts);
  }
  rootfs(...parts: string[]): string {
    return join(this.roots.rootfs, ...parts);
  }

  /** Reads issued off the event loop that have not returned yet. */
  get pendingReads(): number {
    return this.blocking.pendingCount;
  }

  // ------------------------------------------------------------------------------- synchronous

  /** The whole file as text; throws the read error. */
  readTextSync(path: string): string {
    return readFileSync(path, 'utf8');
  }

  /** Sorted entry names; throws the error (ENOENT when the directory is missing). */
  listSync(path: string): string[] {
    return readdirSync(path).sort();
  }

  /** Sorted entry names, or [] when the directory cannot be listed. */
  listOptionalSync(path: string): string[] {
    try {
      return readdirSync(path).sort();
    } catch {
      return [];
    }
  }

  /** Directory entries with their types (unsorted); throws the error. */
  entriesSync(path: string): Dirent[] {
    return readdirSync(path, { withFileTypes: true });
  }

  readLinkOptionalSync(path: string): string | undefined {
    try {
      return readlinkSync(path);
    } catch {
      return undefined;
    }
  }

  realPathOptionalSync(path: string): string | undefined {
    try {
      return realpathSync.native(path);
    } catch {
      return undefined;
    }
  }

  isDirectorySync(path: string): boolean {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  }

  /**
   * util.SysReadFile synchronously, for attributes that run no driver: one read of at most 128 bytes,
   * trimmed; undefined when missing or unreadable.
   */
  attrSync(path: string): string | undefined {
    try {
      return this.attrOrThrowSync(path);
    } catch {
      return undefined;
    }
  }

  /** attrSync, but the open or read error is thrown (for readers that fail or skip on it, as procfs does). */
  attrOrThrowSync(path: string): string {
    return syncBuffer.toString('utf8', 0, this.readIntoSyncBuffer(path)).trim();
  }

  /** One synchronous read of at most 128 bytes, untrimmed (a copy, for readers that decode bytes themselves); throws the open or read error. */
  attrBytesSync(path: string): Buffer {
    return Buffer.from(syncBuffer.subarray(0, this.readIntoSyncBuffer(path)));
  }

  /** One read(2) of at most 128 bytes into syncBuffer; the byte count. */
  private readIntoSyncBuffer(path: string): number {
    const fd = openSync(path, 'r');
    try {
      return readSync(fd, syncBuffer, 0, SYSFS_READ_SIZE, null);
    } finally {
      closeSync(fd);
    }
  }

  // -------------------------------------------------------------------------- files on a disk

  readFile(path: string): Promise<Buffer> {
    return readFile(path);
  }

  readTextFile(path: string): Promise<string> {
    return readFile(path, 'utf8');
  }

  /** The file's stat, or undefined when it does not exist; other errors are thrown. */
  async statOptional(path: string): Promise<FileStats | undefined> {
    try {
      return await stat(path);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /**
   * statfs(2) of a mount point, through libuv's pool under the blocking reads' slots (BlockingReader.call):
   * a dead NFS server can hold it for ever. A call still running at `deadline` holds a slot until it
   * returns; the filesystem collector also cuts it at --collector.filesystem.mount-timeout and skips the
   * mount point while it is pending (node_exporter's stuck-mount tracking).
   */
  statfs(path: string, deadline: number): Promise<StatfsNumbers> {
    return this.blocking.call<StatfsNumbers>(`statfs:${path}`, (done) => statfsCb(path, { bigint: true }, (err, st) => done(err, st)), deadline);
  }

  /** Entry names, unsorted; throws the error. */
  listDir(path: string): Promise<string[]> {
    return readdir(path);
  }

  /** The whole file as text, or undefined when it cannot be read (synchronous: /proc, small sysfs files). */
  readTextOptionalSync(path: string): string | undefined {
    if (statSync(path, { throwIfNoEntry: false }) === undefined) return undefined;
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  // ------------------------------------------------------------------------ long /proc files

  /**
   * A long /proc file read chunk by chunk through libuv's pool (nf_conntrack: the kernel walks its
   * table for each chunk, milliseconds on a big one), so the event loop runs between chunks. Leaving
   * the loop early closes the file.
   */
  async *chunks(path: string, size: number): AsyncGenerator<Buffer> {
    const fd = await new Promise<number>((res, rej) => open(path, 'r', (e, f) => (e ? rej(e) : res(f))));
    try {
      const buf = Buffer.allocUnsafe(size);
      for (;;) {
        const n = await new Promise<number>((res, rej) => read(fd, buf, 0, size, null, (e, got) => (e ? rej(e) : res(got))));
        if (n === 0) return;
        yield buf.subarray(0, n);
      }
    } finally {
      await new Promise<void>((res) => close(fd, () => res()));
    }
  }

  /**
   * Calls onLine for each line of a /proc table (without its newline; latin1), read in chunks as above,
   * so a busy router's /proc/net/tcp is never held in memory whole. Rejects on open/read errors.
   */
  async forEachLine(path: string, onLine: (line: string) => void, chunkSize = 64 * 1024): Promise<void> {
    let rest = '';
    for await (const chunk of this.chunks(path, chunkSize)) {
      const text = rest + chunk.toString('latin1');
      let start = 0;
      for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
        onLine(text.slice(start, nl));
        start = nl + 1;
      }
      rest = text.slice(start);
    }
    if (rest !== '') onLine(rest);
  }

  // ---------------------------------------------------------------------------------- blocking

  /** One read of at most 128 bytes off the event loop; rejects with the error, or StuckReadError at the deadline. */
  attrBytes(path: string, deadline: number): Promise<Buffer> {
    return this.blocking.read(path, deadline);
  }

  /**
   * A whole sysfs attribute off the event loop: show() fills at most one page, which one read(2) of
   * 4096 bytes returns. For multi-line attributes whose show() may take long (bcachefs's
   * compression_stats walks the extents btree on older kernels). Not trimmed.
   */
  async attrPage(path: string, deadline: number): Promise<string> {
    return (await this.blocking.read(path, deadline, SYSFS_PAGE_SIZE)).toString('utf8');
  }

  /**
   * attrBytes of several files as one request: each result is the bytes or that file's open/read
   * error; rejects with StuckReadError when one of them is stuck (see BlockingReader.readMany).
   */
  attrBytesMany(paths: readonly string[], deadline: number): Promise<(Buffer | Error)[]> {
    return this.blocking.readMany(paths, deadline);
  }

  /** attrBytesMany as text, whitespace trimmed at both ends (util.SysReadFile); errors as they are. */
  async attrsMany(paths: readonly string[], deadline: number): Promise<(string | Error)[]> {
    return (await this.blocking.readMany(paths, deadline)).map((r) => (r instanceof Error ? r : r.toString('utf8').trim()));
  }

  /** attrBytes as text, whitespace trimmed at both ends (util.SysReadFile). */
  async attr(path: string, deadline: number): Promise<string> {
    return (await this.blocking.read(path, deadline)).toString('utf8').trim();
  }
}

/** The process's one reader of blocking files: one set of pending reads and kept descriptors for all roots. */
let shared: BlockingReader | undefined;
export function sharedBlockingReader(): BlockingReader {
  // Deno's blocking pool grows a thread per concurrent operation: bound the known-fast reads there.
  const deno = (globalThis as { Deno?: unknown }).Deno !== undefined;
  shared ??= new BlockingReader({ slots: blockingSlots(), maxKept: 256, maxFree: deno ? blockingSlots() : undefined });
  return shared;
}

export function createKernelFs(roots: Roots, reader: BlockingReader = sharedBlockingReader()): KernelFs {
  return new KernelFs(roots, reader);
}
