// Reads of kernel files that can block, done off the event loop with a deadline.
//
// Which reads come here (the rest of /proc and /sys is read synchronously, see kernelFs.ts): a sysfs
// attribute whose content a driver's show() makes while the reader waits.
//   - hwmon values (/sys/class/hwmon/*/…): i2c/SMBus/1-wire sensors wait for the bus, and a hung bus or
//     a sleeping disk (drivetemp) holds the read for seconds or for ever;
//   - thermal zones' temp (and cooling devices' states): get_temp() of the same sensors (i2c, ACPI _TMP
//     methods that can take seconds, firmware mailboxes on ARM boards);
//   - net class attributes (/sys/class/net/*/…): speed and duplex query the PHY through ethtool under
//     the RTNL lock (which netifd, hostapd or a Wi-Fi reconfiguration may hold), and the others are read
//     in the same pass;
//   - power supplies (/sys/class/power_supply/*/…): battery gauges and PoE/UPS controllers answer over
//     i2c, SMBus or ACPI, some only after a bus transaction of their own;
//   - cpufreq attributes: scaling_cur_freq asks the driver (an IPI or a firmware call on some SoCs).
// /proc files (seq_files built from kernel memory) and sysfs directory listings, links and stat() do
// not run a driver, and stay synchronous.
//
// How: Node has no read that cannot pin a thread. A read is the open(2) + read(2) (or a pread at offset
// 0 of a descriptor kept open) done in libuv's pool; the caller's promise is cut at its deadline (one
// timer per deadline, that is per scrape), but the read itself stays pending in its thread until the
// kernel returns. While it is pending, the same file (same device and inode) is never read again: a
// later request joins the pending read, or, once the read has missed a deadline, fails at once
// (StuckReadError) rather than wait for it again; thirty scrapes of a stuck sensor pin one thread, not
// thirty, and take no longer than scrapes without it. When a stuck read returns, the file is read
// afresh by the next scrape and the collector recovers by itself.
//
// Slots: a read whose speed is not known (a first read, a file whose last read took FAST_READ_MS or
// more) takes one of `slots` places and waits for one when all are taken; so does a read that missed a
// deadline, for as long as it stays pending. Stuck and slow reads therefore pin at most `slots` of the
// pool's threads (src/threadpool.ts sizes the pool so that gzip, fs.promises and DNS keep the rest).
// A kept descriptor whose last read answered fast goes out at once without a slot: a scrape's reads
// reach the pool together, and its threads take them one after the other without sleeping in between.
// Measured (docs/reader-layer.md): 46 reads a round, 21 µs of CPU a read when refilled 4 at a time,
// 6 µs when sent together, against 5 µs for a synchronous open/read/close. The one case this lets
// through: a device that answered fast at its last read and hangs now can pin up to as many threads
// as it has files being read, once; from then on its files are pending (never re-issued), and when
// they return they are slow ones and go through the slots.
//
// Descriptors kept open: a sysfs attribute (and a seq_file) regenerates its content when read again at
// offset 0, so the descriptor of a regular file is kept and re-read with pread(fd, 0): one pool round
// trip per read instead of three (open, read, close). Measured on this machine (docs/reader-layer.md):
// ~20 µs a file, against ~50 µs for open/read/close through the pool and ~20 µs for today's synchronous
// open/read/close. A kept descriptor is dropped when a read says the file is gone (ENODEV: the device went away);
// other errors (EINVAL from the speed of a link that is down) keep it.
// Whether the path still names the file kept open: on sysfs the kernel says so itself (a removed
// attribute's open descriptors fail with ENODEV, and a re-plugged device is a new file at the path),
// so a descriptor kept on sysfs is re-read without a stat(2) (~7 µs of CPU a read, a fifth of the
// read's cost); elsewhere (fixture trees, a file replaced by rename) the path's inode is checked on
// each read (stat runs no driver). A pending read that missed its deadline is checked the same way:
// a new file at its path is read at once.
import { close, fstatSync, open, read, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { StuckReadError, descriptorGone } from './readErrors.ts';

/** util.SysReadFile's one read of at most 128 bytes. */
export const SYSFS_READ_SIZE = 128;

/**
 * A kept descriptor whose last read took less than this (ms, from issue to answer) is "known fast":
 * its next read goes out at once, outside the slots. A driver that waits on a bus, a conversion (1-wire:
 * ~750 ms) or a lock answers slower than this and stays behind the slots.
 */
export const FAST_READ_MS = 50;

/** The identity of a file: device and inode. */
interface FileId {
  readonly dev: number;
  readonly ino: number;
}

interface Kept extends FileId {
  readonly fd: number;
  /** On sysfs: a replaced or removed file shows as ENODEV on this descriptor, no stat needed. */
  readonly sysfs: boolean;
  /** Its last read answered within FAST_READ_MS. */
  fast: boolean;
  /** keyOf() of its identity. */
  readonly key: string;
  /** Off sysfs: its directory, and that directory's stamp when the file was last seen at the path. */
  readonly dir: string;
  dirStamp: string | undefined;
}

type Done = (err: NodeJS.ErrnoException | null, data: Buffer | undefined) => void;

/** One read issued to the kernel and not yet returned, shared by every request for the same file. */
interface Pending extends FileId {
  readonly key: string;
  /** Requests waiting for it. */
  readonly waiters: Done[];
  /** It has missed a deadline: later requests fail at once instead of waiting again. */
  stuck: boolean;
  /**
   * queued: waiting for a slot; slot: in the pool holding a slot (its speed was not known, or it went
   * out at once and then missed a deadline); free: in the pool without one (known fast).
   */
  state: 'queued' | 'slot' | 'free';
  /** It went out as a known-fast read (counted in `free` until it returns). */
  wentFree: boolean;
}

/** The requests that share one deadline (a scrape's), cut together by one timer. */
interface DeadlineGroup {
  readonly expire: Set<() => void>;
  readonly timer: NodeJS.Timeout | undefined;
}

const keyOf = (id: FileId): string => `${id.dev}:${id.ino}`;

function statId(path: string): (FileId & { file: boolean }) | Error {
  try {
    const st = statSync(path);
    // A directory answers read(2) with EISDIR at once, wherever it is: no need for the pool.
    if (st.isDirectory()) return Object.assign(new Error(`EISDIR: illegal operation on a directory, read`), { code: 'EISDIR', errno: -21, syscall: 'read', path });
    return { dev: st.dev, ino: st.ino, file: st.isFile() };
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/**
 * Off sysfs, a file replaced at a path (rename, unlink + create) changes its directory's mtime and
 * ctime: a directory unchanged since a file was last stat()ed still holds that file, and one stat()
 * of the directory per scrape stands for one of every file in it. A stamp is only trusted once the
 * directory is a second older than the moment it was taken (git's "racily clean" rule: a change in the
 * same clock tick would leave the times as they were).
 */
function dirStampOf(dir: string): string | undefined {
  try {
    const st = statSync(dir);
    if (Date.now() - Math.max(st.mtimeMs, st.ctimeMs) < 1000) return undefined;
    return `${st.dev}:${st.ino}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch {
    return undefined;
  }
}

/** statfs(2) f_type of sysfs. */
const SYSFS_MAGIC = 0x62656572;

function onSysfs(path: string): boolean {
  try {
    return statfsSync(path).type === SYSFS_MAGIC;
  } catch {
    return false; // no statfsSync (older runtimes): check the inode on each read
  }
}

export interface BlockingReaderOptions {
  /**
   * Reads in the thread pool at once whose speed is not known (first reads, files that answered slowly
   * last time, and reads that missed a deadline, stuck ones included). Known-fast reads do not wait for
   * a slot; one that gets stuck takes one.
   */
  readonly slots: number;
  /** Descriptors kept open for re-reading; beyond it, files are opened and closed on each read. */
  readonly maxKept: number;
  /**
   * Known-fast reads in the pool at once (default: no limit; libuv's fixed pool queues the rest). Under
   * Deno, whose blocking pool starts a thread for each operation that finds none idle, a scrape's
   * burst would start as many threads as it has reads: there it is bounded.
   */
  readonly maxFree?: number;
}

export class BlockingReader {
  /** Reads issued and not yet returned, by "dev:ino". */
  private readonly pending = new Map<string, Pending>();
  private readonly kept = new Map<string, Kept>();
  private readonly deadlines = new Map<number, DeadlineGroup>();
  /** Reads holding a slot. */
  private slotted = 0;
  private readonly queue: (() => void)[] = [];
  /** Directory stamps of the current scrape (dirStamp). */
  private readonly stamps = new Map<string, string | undefined>();
  private stampsDeadline = NaN;
  /** Known-fast reads in the pool, and those waiting for maxFree. */
  private free = 0;
  private readonly freeQueue: (() => void)[] = [];
  /** Keys of call()s, and whether each answered fast last time. */
  private readonly fastCalls = new Map<string, boolean>();
  /** Known-fast reads asked for in this turn, sent together (sendSoon). */
  private readonly burst: (() => void)[] = [];

  constructor(private readonly options: BlockingReaderOptions) {}

  /** Reads issued to the kernel that have not returned (stuck ones included). */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Descriptors currently kept open. */
  get keptCount(): number {
    return this.kept.size;
  }

  /** Of those, the ones on sysfs (re-read without a stat). */
  get keptOnSysfsCount(): number {
    let n = 0;
    for (const k of this.kept.values()) if (k.sysfs) n++;
    return n;
  }

  /** Reads holding a slot now (tests). */
  get slottedCount(): number {
    return this.slotted;
  }

  /**
   * One read of at most `max` bytes of the file at path. Rejects with the open/read error, or with
   * StuckReadError if the read has not returned by `deadline` (a performance.now() time).
   */
  read(path: string, deadline: number, max: number = SYSFS_READ_SIZE): Promise<Buffer> {
    const p = this.acquire(path, deadline, max);
    if (p instanceof Error) return Promise.reject(p);
    return new Promise<Buffer>((resolve, reject) => {
      let settled = false;
      const expire = (): void => {
        if (settled) return;
        settled = true;
        this.late(p);
        reject(new StuckReadError(path));
      };
      p.waiters.push((err, data) => {
        if (settled) return;
        settled = true;
        this.leave(deadline, expire);
        if (err) reject(err);
        else resolve(data as Buffer);
      });
      this.join(deadline, expire);
    });
  }

  /**
   * read() of several files as one request (a device's attributes): each result is the file's bytes or
   * its open/read error. Rejects with StuckReadError as soon as one of them is known stuck, or when one
   * has not returned by the deadline (the others are still read, and taken by the next request).
   */
  readMany(paths: readonly string[], deadline: number, max: number = SYSFS_READ_SIZE): Promise<(Buffer | Error)[]> {
    const out: (Buffer | Error)[] = new Array<Buffer | Error>(paths.length);
    const reads: Pending[] = [];
    const at: number[] = [];
    for (let i = 0; i < paths.length; i++) {
      const p = this.acquire(paths[i] as string, deadline, max);
      if (p instanceof StuckReadError) return Promise.reject(p);
      if (p instanceof Error) out[i] = p;
      else {
        reads.push(p);
        at.push(i);
      }
    }
    if (reads.length === 0) return Promise.resolve(out);
    return new Promise<(Buffer | Error)[]>((resolve, reject) => {
      let left = reads.length;
      let settled = false;
      const expire = (): void => {
        if (settled) return;
        settled = true;
        let late: string | undefined;
        reads.forEach((p, j) => {
          const i = at[j] as number;
          if (out[i] !== undefined) return;
          this.late(p);
          late ??= paths[i];
        });
        reject(new StuckReadError(late ?? ''));
      };
      reads.forEach((p, j) => {
        const i = at[j] as number;
        p.waiters.push((err, data) => {
          if (settled) return;
          out[i] = err ?? (data as Buffer);
          if (--left > 0) return;
          settled = true;
          this.leave(deadline, expire);
          resolve(out);
        });
      });
      this.join(deadline, expire);
    });
  }

  /**
   * The pending read of the file at path, issued now unless one is pending already; the stat error
   * (the file is missing), or StuckReadError when its pending read has missed a deadline.
   */
  private acquire(path: string, deadline: number, max: number): Pending | Error {
    // The file's identity: a descriptor kept on sysfs knows it (the kernel fails its reads with ENODEV
    // once the attribute is gone); otherwise stat(2), which runs no driver code (kernfs answers it from
    // its own node), so it cannot block on sysfs. Off sysfs, an unchanged directory says the same
    // (dirStampOf).
    const k = this.kept.get(path);
    let id: (FileId & { file: boolean }) | Error;
    if (k !== undefined && (k.sysfs || (k.dirStamp !== undefined && k.dirStamp === this.dirStamp(k.dir, deadline)))) {
      // The steady path: a known-fast kept file with nothing pending goes out at once.
      if (k.fast && !this.pending.has(k.key) && this.free < (this.options.maxFree ?? Infinity)) return this.sendKept(path, k, max);
      id = { dev: k.dev, ino: k.ino, file: true };
    } else {
      id = statId(path);
      if (k !== undefined && !(id instanceof Error) && id.dev === k.dev && id.ino === k.ino) k.dirStamp = this.dirStamp(k.dir, deadline);
    }
    if (id instanceof Error) return id;
    let pend = this.pending.get(keyOf(id));
    if (pend !== undefined && pend.stuck && k !== undefined && k.sysfs) {
      // Stuck on the kept descriptor: has the path been given a new file since (a re-plugged device)?
      id = statId(path);
      if (id instanceof Error) return id;
      pend = this.pending.get(keyOf(id));
    }
    // The same file (by device and inode, whatever the path): join its read, unless that one is stuck.
    if (pend !== undefined && pend.stuck) return new StuckReadError(path);
    return pend ?? this.issue(path, id, max);
  }

  /**
   * Another call into the kernel that can hang in libuv's pool (statfs(2) of a network mount whose
   * server is gone), under the same slots as reads: a call whose key answered fast last time goes out
   * at once, any other waits for a slot; one still running at `deadline` takes a slot until it returns.
   * No deadline is applied to the promise: the caller races it with its own timeout.
   */
  call<T>(key: string, start: (done: (err: Error | null, value?: T) => void) => void, deadline: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let state: 'queued' | 'slot' | 'free' = 'queued';
      let timer: NodeJS.Timeout | undefined;
      const run = (): void => {
        const t0 = performance.now();
        start((err, value) => {
          if (timer !== undefined) clearTimeout(timer);
          if (this.fastCalls.size >= this.options.maxKept && !this.fastCalls.has(key)) this.fastCalls.clear();
          this.fastCalls.set(key, performance.now() - t0 < FAST_READ_MS);
          if (state === 'slot') this.release();
          if (err) reject(err);
          else resolve(value as T);
        });
      };
      const inSlot = (): void => {
        state = 'slot';
        this.slotted++;
        run();
      };
      if (this.fastCalls.get(key) === true) {
        state = 'free';
        run();
        const left = deadline - performance.now();
        if (Number.isFinite(left)) {
          timer = setTimeout(() => {
            if (state !== 'free') return;
            state = 'slot';
            this.slotted++;
          }, Math.max(0, left));
          timer.unref();
        }
      } else if (this.slotted < this.options.slots) inSlot();
      else this.queue.push(inSlot);
    });
  }

  /** A known-fast read of a kept descriptor, sent with the others of this turn (issue()'s lean twin). */
  private sendKept(path: string, k: Kept, max: number): Pending {
    const p: Pending = { dev: k.dev, ino: k.ino, key: k.key, waiters: [], stuck: false, state: 'free', wentFree: true };
    this.pending.set(k.key, p);
    this.free++;
    this.sendSoon(() => this.readKept(path, k, max, p));
    return p;
  }

  /** pread(fd, 0) of a kept descriptor: whether it is still fast is learnt, a gone one forgotten. */
  private readKept(path: string, k: Kept, max: number, p: Pending): void {
    const t0 = performance.now();
    const buf = Buffer.allocUnsafe(max);
    read(k.fd, buf, 0, max, 0, (err, n) => {
      if (err !== null && descriptorGone(err)) this.forget(path, k);
      else k.fast = performance.now() - t0 < FAST_READ_MS;
      this.settle(p, err, err ? undefined : buf.subarray(0, n));
    });
  }

  /** A read has returned: its slot or its place among the known-fast ones is free, its waiters get it. */
  private settle(p: Pending, err: NodeJS.ErrnoException | null, data: Buffer | undefined): void {
    if (this.pending.get(p.key) === p) this.pending.delete(p.key);
    if (p.state === 'slot') this.release();
    if (p.wentFree) {
      this.free--;
      const next = this.freeQueue.shift();
      if (next !== undefined) next();
    }
    for (const w of p.waiters) w(err, data);
  }

  /** A slot is free again: the next reads waiting for one go. */
  private release(): void {
    this.slotted--;
    while (this.slotted < this.options.slots) {
      const next = this.queue.shift();
      if (next === undefined) break;
      next();
    }
  }

  /** The stamp of a directory, taken once per scrape (per deadline). */
  private dirStamp(dir: string, deadline: number): string | undefined {
    if (this.stampsDeadline !== deadline) {
      this.stamps.clear();
      this.stampsDeadline = deadline;
    }
    if (this.stamps.has(dir)) return this.stamps.get(dir);
    const stamp = dirStampOf(dir);
    this.stamps.set(dir, stamp);
    return stamp;
  }

  /** Closes every kept descriptor (tests; a reader that is dropped). */
  closeAll(): void {
    for (const k of this.kept.values()) close(k.fd, () => {});
    this.kept.clear();
  }

  /** A pending read has missed a deadline: it is stuck, and from now on holds a slot. */
  private late(p: Pending): void {
    if (this.pending.get(p.key) !== p) return;
    p.stuck = true;
    if (p.state === 'free') {
      p.state = 'slot';
      this.slotted++;
    }
  }

  private join(deadline: number, expire: () => void): void {
    let g = this.deadlines.get(deadline);
    if (g === undefined) {
      const left = deadline - performance.now();
      // Already late: a value that is there is still taken (one event-loop turn), a pending read is not waited for.
      const timer = Number.isFinite(left) ? setTimeout(() => this.cut(deadline), Math.max(0, left)) : undefined;
      timer?.unref();
      g = { expire: new Set(), timer };
      this.deadlines.set(deadline, g);
    }
    g.expire.add(expire);
  }

  private leave(deadline: number, expire: () => void): void {
    const g = this.deadlines.get(deadline);
    if (g === undefined) return;
    g.expire.delete(expire);
    if (g.expire.size === 0) {
      if (g.timer !== undefined) clearTimeout(g.timer);
      this.deadlines.delete(deadline);
    }
  }

  private cut(deadline: number): void {
    const g = this.deadlines.get(deadline);
    if (g === undefined) return;
    this.deadlines.delete(deadline);
    for (const expire of g.expire) expire();
  }

  private issue(path: string, id: FileId & { file: boolean }, max: number): Pending {
    const key = keyOf(id);
    const p: Pending = { dev: id.dev, ino: id.ino, key, waiters: [], stuck: false, state: 'queued', wentFree: false };
    this.pending.set(key, p);
    const keepable = id.file ? id : undefined;
    const finish = (err: NodeJS.ErrnoException | null, data?: Buffer): void => this.settle(p, err, data);
    const run = (): void => {
      const t0 = performance.now();
      const k = this.kept.get(path);
      if (k !== undefined && keepable !== undefined && k.dev === keepable.dev && k.ino === keepable.ino) {
        this.readKept(path, k, max, p);
        return;
      }
      if (k !== undefined) this.forget(path, k);
      open(path, 'r', (err, fd) => {
        if (err) return finish(err);
        const buf = Buffer.allocUnsafe(max);
        read(fd, buf, 0, max, null, (rerr, n) => {
          if ((rerr === null || !descriptorGone(rerr)) && keepable !== undefined && this.kept.size < this.options.maxKept && !this.kept.has(path)) {
            this.keep(path, fd, performance.now() - t0 < FAST_READ_MS);
          } else {
            close(fd, () => {});
          }
          finish(rerr, rerr ? undefined : buf.subarray(0, n));
        });
      });
    };
    const inSlot = (): void => {
      p.state = 'slot';
      this.slotted++;
      run();
    };
    const known = this.kept.get(path);
    if (known !== undefined && known.fast && keepable !== undefined && known.dev === keepable.dev && known.ino === keepable.ino) {
      p.state = 'free'; // known fast: out at once, without a slot
      const go = (): void => {
        p.wentFree = true;
        this.free++;
        this.sendSoon(run);
      };
      if (this.free < (this.options.maxFree ?? Infinity)) go();
      else this.freeQueue.push(go);
    } else if (this.slotted < this.options.slots) inSlot();
    else this.queue.push(inSlot);
    return p;
  }

  /**
   * Sends the known-fast reads asked for in this turn of the event loop to the pool together, at its
   * end: queued back to back, the pool's threads take them without contending with the JavaScript that
   * asks for the next one.
   */
  private sendSoon(run: () => void): void {
    this.burst.push(run);
    if (this.burst.length === 1) setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    const runs = this.burst.splice(0);
    for (const run of runs) run();
  };

  private keep(path: string, fd: number, fast: boolean): void {
    try {
      // The inode of what was opened, not of what the path names by now.
      const s = fstatSync(fd);
      const sysfs = onSysfs(path);
      // The stamp comes with the next read's stat() of the path, which proves the file is still there.
      this.kept.set(path, { fd, dev: s.dev, ino: s.ino, key: keyOf(s), sysfs, fast, dir: dirname(path), dirStamp: undefined });
    } catch {
      close(fd, () => {});
    }
  }

  private forget(path: string, k: Kept): void {
    if (this.kept.get(path) === k) this.kept.delete(path);
    close(k.fd, () => {});
  }
}
