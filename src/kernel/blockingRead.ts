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
// How: Node has no read that cannot pin a thread; this one pins at most `slots` threads of libuv's
// pool. A read is the open(2) + read(2) (or a pread at offset 0 of a descriptor kept open) done in the
// pool; the caller's promise is cut at its deadline, but the read itself stays pending in its thread
// until the kernel returns. While it is pending, the same file (same device and inode) is never read
// again: a later request joins the pending read, or, once the read has missed a deadline, fails at once
// (StuckReadError) rather than wait for it again; thirty scrapes of a stuck sensor pin one thread, not
// thirty, and take no longer than scrapes without it. At most `slots` reads are in the pool at once, so stuck reads leave the rest of the pool
// (gzip, fs.promises, dns) free; src/threadpool.ts sizes the pool for that. When a stuck read returns,
// the file is read afresh by the next scrape and the collector recovers by itself.
//
// Descriptors kept open: a sysfs attribute (and a seq_file) regenerates its content when read again at
// offset 0, so the descriptor of a regular file is kept and re-read with pread(fd, 0): one pool round
// trip per read instead of three (open, read, close). Measured on this machine (docs/reader-layer.md):
// ~20 µs a file, against ~50 µs for open/read/close through the pool and ~20 µs for today's synchronous
// open/read/close. A kept descriptor is dropped when the read fails (ENODEV: the device went away).
// Whether the path still names the file kept open: on sysfs the kernel says so itself (a removed
// attribute's open descriptors fail with ENODEV, and a re-plugged device is a new file at the path),
// so a descriptor kept on sysfs is re-read without a stat(2) (~7 µs of CPU a read, a fifth of the
// read's cost); elsewhere (fixture trees, a file replaced by rename) the path's inode is checked on
// each read (stat runs no driver). A pending read that missed its deadline is checked the same way:
// a new file at its path is read at once.
import { close, fstatSync, open, read, statfsSync, statSync } from 'node:fs';
import { StuckReadError } from './readErrors.ts';

/** util.SysReadFile's one read of at most 128 bytes. */
export const SYSFS_READ_SIZE = 128;

/** The identity of a file: device and inode. */
interface FileId {
  readonly dev: number;
  readonly ino: number;
}

interface Kept extends FileId {
  readonly fd: number;
  /** On sysfs: a replaced or removed file shows as ENODEV on this descriptor, no stat needed. */
  readonly sysfs: boolean;
}

interface Pending extends FileId {
  readonly promise: Promise<Buffer>;
}

const keyOf = (id: FileId): string => `${id.dev}:${id.ino}`;

function statId(path: string): (FileId & { file: boolean }) | Error {
  try {
    const st = statSync(path);
    return { dev: st.dev, ino: st.ino, file: st.isFile() };
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
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
  /** Reads in the thread pool at once (pending stuck ones included). */
  readonly slots: number;
  /** Descriptors kept open for re-reading; beyond it, files are opened and closed on each read. */
  readonly maxKept: number;
}

export class BlockingReader {
  /** Reads issued and not yet returned, by "dev:ino". */
  private readonly pending = new Map<string, Pending>();
  /** Pending reads that have already missed a deadline: later requests fail at once instead of waiting again. */
  private readonly stuck = new Set<Pending>();
  private readonly kept = new Map<string, Kept>();
  private running = 0;
  private readonly queue: (() => void)[] = [];

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

  /**
   * One read of at most `max` bytes of the file at path. Rejects with the open/read error, or with
   * StuckReadError if the read has not returned by `deadline` (a performance.now() time).
   */
  read(path: string, deadline: number, max: number = SYSFS_READ_SIZE): Promise<Buffer> {
    // The file's identity: a descriptor kept on sysfs knows it (the kernel fails its reads with ENODEV
    // once the attribute is gone); otherwise stat(2), which runs no driver code (kernfs answers it from
    // its own node), so it cannot block on sysfs.
    const k = this.kept.get(path);
    let id: (FileId & { file: boolean }) | Error = k !== undefined && k.sysfs ? { dev: k.dev, ino: k.ino, file: true } : statId(path);
    if (id instanceof Error) return Promise.reject(id);
    let pend = this.pending.get(keyOf(id));
    if (pend !== undefined && this.stuck.has(pend) && k !== undefined && k.sysfs) {
      // Stuck on the kept descriptor: has the path been given a new file since (a re-plugged device)?
      id = statId(path);
      if (id instanceof Error) return Promise.reject(id);
      pend = this.pending.get(keyOf(id));
    }
    let p: Pending;
    if (pend !== undefined) {
      // The same file (by device and inode, whatever the path): join its read, unless that one is stuck.
      if (this.stuck.has(pend)) return Promise.reject(new StuckReadError(path));
      p = pend;
    } else {
      const key = keyOf(id);
      p = { dev: id.dev, ino: id.ino, promise: this.issue(path, id.file ? id : undefined, max) };
      this.pending.set(key, p);
      const done = (): void => {
        if (this.pending.get(key) === p) this.pending.delete(key);
        this.stuck.delete(p);
      };
      p.promise.then(done, done);
    }
    return withDeadline(p.promise, deadline, path, () => {
      if (this.pending.get(keyOf(p)) === p) this.stuck.add(p);
    });
  }

  /** Closes every kept descriptor (tests; a reader that is dropped). */
  closeAll(): void {
    for (const k of this.kept.values()) close(k.fd, () => {});
    this.kept.clear();
  }

  private issue(path: string, keepable: FileId | undefined, max: number): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      const run = (): void => {
        this.running++;
        const finish = (err: NodeJS.ErrnoException | null, data?: Buffer): void => {
          this.running--;
          const next = this.queue.shift();
          if (next !== undefined) next();
          if (err) reject(err);
          else resolve(data as Buffer);
        };
        const k = this.kept.get(path);
        if (k !== undefined && keepable !== undefined && k.dev === keepable.dev && k.ino === keepable.ino) {
          const buf = Buffer.allocUnsafe(max);
          read(k.fd, buf, 0, max, 0, (err, n) => {
            if (err) this.forget(path, k);
            finish(err, err ? undefined : buf.subarray(0, n));
          });
          return;
        }
        if (k !== undefined) this.forget(path, k);
        open(path, 'r', (err, fd) => {
          if (err) return finish(err);
          const buf = Buffer.allocUnsafe(max);
          read(fd, buf, 0, max, null, (rerr, n) => {
            if (rerr === null && keepable !== undefined && this.kept.size < this.options.maxKept && !this.kept.has(path)) {
              this.keep(path, fd);
            } else {
              close(fd, () => {});
            }
            finish(rerr, rerr ? undefined : buf.subarray(0, n));
          });
        });
      };
      if (this.running < this.options.slots) run();
      else this.queue.push(run);
    });
  }

  private keep(path: string, fd: number): void {
    try {
      // The inode of what was opened, not of what the path names by now.
      const s = fstatSync(fd);
      this.kept.set(path, { fd, dev: s.dev, ino: s.ino, sysfs: onSysfs(path) });
    } catch {
      close(fd, () => {});
    }
  }

  private forget(path: string, k: Kept): void {
    if (this.kept.get(path) === k) this.kept.delete(path);
    close(k.fd, () => {});
  }
}

/** p, or StuckReadError (after calling late()) if it has not settled by the deadline. */
function withDeadline<T>(p: Promise<T>, deadline: number, path: string, late: () => void): Promise<T> {
  const expire = (reject: (err: Error) => void): void => {
    late();
    reject(new StuckReadError(path));
  };
  const left = deadline - performance.now();
  if (left <= 0) {
    // Already late: a value that is there is still taken (one event-loop turn), a pending read is not waited for.
    return Promise.race([p, new Promise<T>((_, reject) => setImmediate(() => expire(reject)))]);
  }
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => expire(reject), left);
    timer.unref();
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
