// Btrfs filesystems under <sysfs>/fs/btrfs/<uuid>/, read for the btrfs collector the way
// prometheus/procfs's btrfs.FS.Stats reads them. All are attributes of in-memory structures (space_info
// counters under a spinlock, the superblock's label, the block device's size): read synchronously.
//
// procfs's reader keeps the last error it met and returns 0 for values read after it; reading an
// allocation directory replaces that error with the allocation's own (so an error before it is
// forgotten); the filesystem fails when an error is left at the end. This reader does the same, so the
// same trees fail, and the same values are 0.
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { classifyReadError } from './readErrors.ts';
import type { BtrfsCommitStats } from '../sysfs/btrfs.ts';
import { NO_COMMIT_STATS, btrfsAllocationRatio, parseBtrfsCommitStats, parseBtrfsValue } from '../sysfs/btrfs.ts';

export interface BtrfsLayout {
  /** The profile: "single", "dup", "raid1", ... */
  readonly mode: string;
  readonly usedBytes: number;
  readonly totalBytes: number;
  readonly ratio: number;
}

export interface BtrfsAllocation {
  readonly reservedBytes: number;
  readonly layouts: readonly BtrfsLayout[];
}

export interface BtrfsFilesystem {
  /** metadata_uuid, or the directory name when that is empty or missing. */
  readonly uuid: string;
  readonly label: string;
  readonly globalRsvSize: number;
  readonly commit: BtrfsCommitStats;
  readonly data: BtrfsAllocation;
  readonly metadata: BtrfsAllocation;
  readonly system: BtrfsAllocation;
  /** devices/<name>: size in bytes (the block device's 512-byte sectors). */
  readonly devices: readonly { readonly name: string; readonly sizeBytes: number }[];
}

class StickyReader {
  err: unknown = undefined;
  constructor(
    private readonly kfs: KernelFs,
    readonly dir: string,
    /** Devices of the filesystem, for the raid5/raid6 ratios. */
    public devCount = 0,
  ) {}

  /** util.SysReadFile, trimmed; a missing file is "", any other error is kept. */
  text(name: string): string {
    try {
      return this.kfs.attrOrThrowSync(join(this.dir, name));
    } catch (err) {
      if (classifyReadError(err) !== 'missing') this.err = err;
      return '';
    }
  }

  /** A number, 0 once an error has been met (procfs's readValue). */
  value(name: string): number {
    const t = this.text(name);
    return this.err === undefined ? parseBtrfsValue(t) : 0;
  }

  /** Entry names in order; an error (even a missing directory) is kept. */
  list(name: string): string[] {
    try {
      return this.kfs.listSync(join(this.dir, name));
    } catch (err) {
      this.err = err;
      return [];
    }
  }

  /** Sub-directories (not links) in name order; an error is kept. */
  subdirectories(): string[] {
    try {
      return this.kfs
        .entriesSync(this.dir)
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
    } catch (err) {
      this.err = err;
      return [];
    }
  }

  allocation(name: string): BtrfsAllocation {
    const sr = new StickyReader(this.kfs, join(this.dir, name), this.devCount);
    // procfs reads all of these (a refused one fails the filesystem) and exports one.
    for (const f of ['bytes_may_use', 'bytes_pinned', 'bytes_readonly']) sr.value(f);
    const reservedBytes = sr.value('bytes_reserved');
    for (const f of ['bytes_used', 'disk_used', 'disk_total', 'flags', 'total_bytes', 'total_bytes_pinned']) sr.value(f);
    const layouts = sr.subdirectories().map((mode) => {
      const totalBytes = sr.value(join(mode, 'total_bytes'));
      const usedBytes = sr.value(join(mode, 'used_bytes'));
      return { mode, usedBytes, totalBytes, ratio: btrfsAllocationRatio(mode, this.devCount) };
    });
    this.err = sr.err;
    return { reservedBytes, layouts };
  }

  commitStats(): BtrfsCommitStats {
    let text: string;
    try {
      text = this.kfs.readTextSync(join(this.dir, 'commit_stats'));
    } catch (err) {
      // Before Linux 6.0 there is no commit_stats.
      if (classifyReadError(err) !== 'missing') this.err = err;
      return NO_COMMIT_STATS;
    }
    try {
      return parseBtrfsCommitStats(text);
    } catch (err) {
      this.err = err;
      return NO_COMMIT_STATS;
    }
  }
}

function readFilesystem(kfs: KernelFs, dir: string, entry: string): BtrfsFilesystem {
  const r = new StickyReader(kfs, dir);
  const devices = r.list('devices').map((name) => ({ name, sizeBytes: 512 * r.value(join('devices', name, 'size')) }));
  r.devCount = devices.length;
  const label = r.text('label');
  const uuid = r.text('metadata_uuid');
  r.list('features');
  for (const f of ['clone_alignment', 'nodesize', 'quota_override', 'sectorsize', 'allocation/global_rsv_reserved']) r.value(f);
  const globalRsvSize = r.value('allocation/global_rsv_size');
  const data = r.allocation('allocation/data');
  const metadata = r.allocation('allocation/metadata');
  const system = r.allocation('allocation/system');
  const commit = r.commitStats();
  if (r.err !== undefined) throw r.err;
  return { uuid: uuid === '' ? entry : uuid, label, globalRsvSize, commit, data, metadata, system, devices };
}

/** Every <sysfs>/fs/btrfs/*-* in name order; none without the directory. One that cannot be read throws. */
export function readBtrfsFilesystems(kfs: KernelFs): BtrfsFilesystem[] {
  const root = kfs.sys('fs', 'btrfs');
  return kfs
    .listOptionalSync(root)
    .filter((e) => e.includes('-'))
    .map((e) => readFilesystem(kfs, join(root, e), e));
}
