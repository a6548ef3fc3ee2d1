// node_filesystem_*: statfs(2) of every mount of pid 1, as node_exporter 1.12.1's filesystem collector.
import type { Collector, CollectorDefinition, CollectorEnv, CollectorContext, FlagDefinition } from '../collector.ts';
import { deviceFilter } from '../deviceFilter.ts';
import type { StatfsNumbers } from '../kernel/kernelFs.ts';
import type { DeviceFilter } from '../deviceFilter.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import type { MountInfo } from '../procfs/mountinfo.ts';
import { parseMountInfo } from '../procfs/mountinfo.ts';

/** node_exporter 1.12.1's defaults (collector/filesystem_linux.go). */
export const DEF_MOUNT_POINTS_EXCLUDED = '^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)';
export const DEF_FS_TYPES_EXCLUDED =
  '^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|erofs|sysfs|tracefs)$';

const F = {
  mpExclude: 'collector.filesystem.mount-points-exclude',
  mpOld: 'collector.filesystem.ignored-mount-points',
  mpInclude: 'collector.filesystem.mount-points-include',
  fsExclude: 'collector.filesystem.fs-types-exclude',
  fsOld: 'collector.filesystem.ignored-fs-types',
  fsInclude: 'collector.filesystem.fs-types-include',
  timeout: 'collector.filesystem.mount-timeout',
  workers: 'collector.filesystem.stat-workers',
} as const;

const FLAGS: readonly FlagDefinition[] = [
  { name: F.mpExclude, type: 'regex', default: DEF_MOUNT_POINTS_EXCLUDED, help: 'Regexp of mount points to exclude for filesystem collector. (mutually exclusive to mount-points-include)' },
  { name: F.mpOld, type: 'regex', help: 'Regexp of mount points to ignore for filesystem collector. (DEPRECATED, use --collector.filesystem.mount-points-exclude)' },
  { name: F.mpInclude, type: 'regex', help: 'Regexp of mount points to include for filesystem collector. (mutually exclusive to mount-points-exclude)' },
  { name: F.fsExclude, type: 'regex', default: DEF_FS_TYPES_EXCLUDED, help: 'Regexp of filesystem types to exclude for filesystem collector. (mutually exclusive to fs-types-include)' },
  { name: F.fsOld, type: 'regex', help: 'Regexp of filesystem types to ignore for filesystem collector. (DEPRECATED, use --collector.filesystem.fs-types-exclude)' },
  { name: F.fsInclude, type: 'regex', help: 'Regexp of filesystem types to include for filesystem collector. (mutually exclusive to fs-types-exclude)' },
  { name: F.timeout, type: 'duration', default: '5s', help: 'how long to wait for a mount to respond before marking it as stale' },
  { name: F.workers, type: 'string', default: '4', help: 'how many stat calls to process simultaneously' },
];

const LABELS = ['device', 'device_error', 'fstype', 'mountpoint'] as const;

/** The numbers node_exporter takes from statfs(2). */
export type StatfsResult = Omit<StatfsNumbers, 'type'>;
export type StatfsFn = (path: string) => Promise<StatfsResult>;


/** Go's syscall.Errno strings for the errors statfs(2) can give, keyed by Node's error code. */
const GO_ERRNO: Readonly<Record<string, string>> = {
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  EINTR: 'interrupted system call',
  EIO: 'input/output error',
  ENXIO: 'no such device or address',
  EAGAIN: 'resource temporarily unavailable',
  ENOMEM: 'cannot allocate memory',
  EACCES: 'permission denied',
  EFAULT: 'bad address',
  EBUSY: 'device or resource busy',
  ENODEV: 'no such device',
  ENOTDIR: 'not a directory',
  EINVAL: 'invalid argument',
  ENFILE: 'too many open files in system',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  ENOSYS: 'function not implemented',
  ELOOP: 'too many levels of symbolic links',
  EOVERFLOW: 'value too large for defined data type',
  EOPNOTSUPP: 'operation not supported',
  ECONNABORTED: 'software caused connection abort',
  ECONNRESET: 'connection reset by peer',
  ENOTCONN: 'transport endpoint is not connected',
  ETIMEDOUT: 'connection timed out',
  ECONNREFUSED: 'connection refused',
  EHOSTDOWN: 'host is down',
  EHOSTUNREACH: 'no route to host',
  ESTALE: 'stale NFS file handle',
  EREMOTEIO: 'remote I/O error',
  ECANCELED: 'operation canceled',
  ENOKEY: 'required key not available',
  EKEYEXPIRED: 'key has expired',
};

/** The device_error label value: what Go's err.Error() would say for the same failure. */
export function goErrorText(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && GO_ERRNO[code] !== undefined) return GO_ERRNO[code];
    const msg = (err as { message?: unknown }).message;
    if (typeof msg === 'string') {
      // Node: "ENOENT: no such file or directory, statfs '/x'"
      const m = /^[A-Z0-9]+: (.*?), statfs /.exec(msg);
      return (m ? m[1] : msg) as string;
    }
  }
  return String(err);
}

/** Mount point as node_exporter labels it: the path seen in the mount table, less a --path.rootfs prefix. */
export function stripRootfs(rootfs: string, mountPoint: string): string {
  const root = rootfs.replace(/\/+$/, '');
  if (root === '' || !mountPoint.startsWith(root)) return mountPoint;
  const rest = mountPoint.slice(root.length);
  if (rest === '') return '/';
  return rest.startsWith('/') ? rest : mountPoint;
}

/** node_exporter 1.12.1: read-only if the mount or the super block options hold "ro" (or ext4's "emergency_ro"). */
export function isReadOnly(m: MountInfo): boolean {
  return m.options.includes('ro') || m.superOptions.includes('ro') || m.superOptions.includes('emergency_ro');
}

interface Labels {
  readonly device: string;
  readonly mountPoint: string;
  readonly fsType: string;
  readonly major: string;
  readonly minor: string;
}

interface FsStat {
  readonly labels: Labels;
  readonly deviceError: string;
  readonly ro: number;
  readonly values?: { size: number; free: number; avail: number; files: number; filesFree: number };
}

const TIMED_OUT = Symbol('timeout');

export interface FilesystemDeps {
  readonly statfs?: StatfsFn;
}

class FilesystemCollector implements Collector {
  private readonly mountPoints: DeviceFilter;
  private readonly fsTypes: DeviceFilter;
  private readonly timeoutMs: number;
  private readonly workers: number;
  private readonly statfs: StatfsFn | undefined;
  /** Mount points whose statfs overran the timeout and has not returned yet. */
  private readonly stuck = new Set<string>();

  constructor(
    private readonly env: CollectorEnv,
    deps: FilesystemDeps,
  ) {
    this.mountPoints = deviceFilter(env.flags, { include: F.mpInclude, exclude: F.mpExclude, excludeDefault: DEF_MOUNT_POINTS_EXCLUDED, deprecatedExclude: F.mpOld, exclusive: true }, env.log);
    this.fsTypes = deviceFilter(env.flags, { include: F.fsInclude, exclude: F.fsExclude, excludeDefault: DEF_FS_TYPES_EXCLUDED, deprecatedExclude: F.fsOld, exclusive: true }, env.log);
    // A duration flag: parsed and validated by the CLI.
    const seconds = env.flags.duration(F.timeout) ?? 5;
    this.timeoutMs = Math.max(seconds * 1000, 0);
    const workers = env.flags.string(F.workers) ?? '4';
    if (!/^[+-]?\d+$/.test(workers)) throw new Error(`invalid --${F.workers} "${workers}": want an integer`);
    this.workers = Math.max(Number(workers), 1);
    this.statfs = deps.statfs;
  }

  private async mounts(ctx: CollectorContext): Promise<MountInfo[]> {
    let text: string;
    try {
      text = ctx.kernel.readTextSync(ctx.kernel.proc('1', 'mountinfo'));
    } catch (err) {
      if (!isNotFound(err)) throw err;
      ctx.log.debug('Reading root mounts failed, falling back to self mounts', { err: (err as Error).message });
      text = ctx.kernel.readTextSync(ctx.kernel.proc('self', 'mountinfo'));
    }
    return parseMountInfo(text);
  }

  async update(ctx: CollectorContext): Promise<void> {
    const mounts = await this.mounts(ctx);
    const stats: FsStat[] = [];
    const queue: { m: MountInfo; labels: Labels }[] = [];
    for (const m of mounts) {
      const mountPoint = stripRootfs(ctx.paths.rootfs, m.mountPoint);
      if (this.mountPoints.ignored(mountPoint)) {
        ctx.log.debug('Ignoring mount point', { mountpoint: mountPoint });
        continue;
      }
      if (this.fsTypes.ignored(m.fsType)) {
        ctx.log.debug('Ignoring fs type', { type: m.fsType });
        continue;
      }
      const labels: Labels = { device: m.source, mountPoint, fsType: m.fsType, major: String(m.major), minor: String(m.minor) };
      if (this.stuck.has(mountPoint)) {
        ctx.log.debug('Mount point is in an unresponsive state', { mountpoint: mountPoint });
        stats.push({ labels, deviceError: 'mountpoint timeout', ro: 0 });
        continue;
      }
      queue.push({ m, labels });
    }

    const results: (FsStat | undefined)[] = new Array<FsStat | undefined>(queue.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < queue.length) {
        const i = next++;
        const item = queue[i] as { m: MountInfo; labels: Labels };
        results[i] = await this.statOne(ctx, item.m, item.labels);
      }
    };
    // --collector.filesystem.stat-workers calls at once, as node_exporter. How many of them may hang in
    // libuv's pool (a dead NFS server holds a thread until it answers) is the reader layer's business:
    // KernelFs.statfs runs under the slots of blocking reads.
    await Promise.all(Array.from({ length: Math.min(this.workers, queue.length) }, worker));
    for (const r of results) if (r) stats.push(r);
    this.emit(ctx, stats);
  }

  private async statOne(ctx: CollectorContext, m: MountInfo, labels: Labels): Promise<FsStat> {
    const ro = isReadOnly(m) ? 1 : 0;
    const path = ctx.kernel.rootfs(labels.mountPoint);
    const pending = this.statfs !== undefined ? this.statfs(path) : ctx.kernel.statfs(path, performance.now() + this.timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), this.timeoutMs);
    });
    let outcome: StatfsResult | typeof TIMED_OUT;
    try {
      outcome = await Promise.race([pending, timeout]);
    } catch (err) {
      clearTimeout(timer);
      const text = goErrorText(err);
      ctx.log.debug('Error on statfs() system call', { rootfs: path, err: text });
      return { labels, deviceError: text, ro };
    }
    clearTimeout(timer);
    if (outcome === TIMED_OUT) {
      // node_exporter lets this scrape wait for the call; we answer now and skip the mount until it returns.
      const mp = labels.mountPoint;
      ctx.log.debug('Mount point timed out, it is being labeled as stuck and will not be monitored', { mountpoint: mp });
      this.stuck.add(mp);
      const log = this.env.log;
      const recovered = (): void => {
        if (this.stuck.delete(mp)) log.debug('Mount point has recovered, monitoring will resume', { mountpoint: mp });
      };
      pending.then(recovered, recovered);
      return { labels, deviceError: 'mountpoint timeout', ro: 0 };
    }
    const bsize = Number(outcome.bsize);
    return {
      labels,
      deviceError: '',
      ro,
      values: {
        size: Number(outcome.blocks) * bsize,
        free: Number(outcome.bfree) * bsize,
        avail: Number(outcome.bavail) * bsize,
        files: Number(outcome.files),
        filesFree: Number(outcome.ffree),
      },
    };
  }

  private emit(ctx: CollectorContext, stats: readonly FsStat[]): void {
    const cmp = (a: readonly string[], b: readonly string[]): number => {
      for (let i = 0; i < a.length; i++) {
        const x = a[i] as string;
        const y = b[i] as string;
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    };
    const key = (s: FsStat): string[] => [s.labels.device, s.deviceError, s.labels.fsType, s.labels.mountPoint];
    const seen = new Set<string>();
    const unique: FsStat[] = [];
    for (const s of stats) {
      const k = JSON.stringify([...key(s), s.labels.major, s.labels.minor]);
      if (seen.has(k)) continue;
      seen.add(k);
      unique.push(s);
    }
    unique.sort((a, b) => cmp(key(a), key(b)));

    const deviceError = ctx.gauge('node_filesystem_device_error', 'Whether an error occurred while getting statistics for the given device.', LABELS);
    const readonly = ctx.gauge('node_filesystem_readonly', 'Filesystem read-only status.', LABELS);
    const size = ctx.gauge('node_filesystem_size_bytes', 'Filesystem size in bytes.', LABELS);
    const free = ctx.gauge('node_filesystem_free_bytes', 'Filesystem free space in bytes.', LABELS);
    const avail = ctx.gauge('node_filesystem_avail_bytes', 'Filesystem space available to non-root users in bytes.', LABELS);
    const files = ctx.gauge('node_filesystem_files', 'Filesystem total file nodes.', LABELS);
    const filesFree = ctx.gauge('node_filesystem_files_free', 'Filesystem total free file nodes.', LABELS);
    const mountInfo = ctx.gauge('node_filesystem_mount_info', 'Filesystem mount information.', ['device', 'major', 'minor', 'mountpoint']);

    for (const s of unique) {
      const lv = key(s);
      deviceError.set(s.values ? 0 : 1, ...lv);
      readonly.set(s.ro, ...lv);
      if (!s.values) continue;
      size.set(s.values.size, ...lv);
      free.set(s.values.free, ...lv);
      avail.set(s.values.avail, ...lv);
      files.set(s.values.files, ...lv);
      filesFree.set(s.values.filesFree, ...lv);
    }
    const infoKey = (s: FsStat): string[] => [s.labels.device, s.labels.major, s.labels.minor, s.labels.mountPoint];
    for (const s of [...unique].filter((x) => x.values).sort((a, b) => cmp(infoKey(a), infoKey(b)))) {
      mountInfo.set(1, ...infoKey(s));
    }
  }
}

/** Builds the collector; tests pass a statfs that hangs or fails. */
export function createFilesystemCollector(env: CollectorEnv, deps: FilesystemDeps = {}): Collector {
  return new FilesystemCollector(env, deps);
}

export const filesystem: CollectorDefinition = {
  name: 'filesystem',
  defaultEnabled: true,
  help: 'Exposes filesystem statistics, such as disk space used (statfs of the mounts in /proc/1/mountinfo).',
  flags: FLAGS,
  create: (env) => createFilesystemCollector(env),
};
