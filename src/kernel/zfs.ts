// OpenZFS's kstats under <procfs>/spl/kstat/zfs, read for the zfs collector. They are procfs files the
// SPL fills from kernel memory (counters, per-CPU sums): read synchronously.
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { classifyReadError } from './readErrors.ts';

/** A kstat file's text, or undefined when it could not be opened (this OpenZFS has no such kstat). */
export type KstatText = string | undefined;

export interface ZfsPoolKstats {
  readonly pool: string;
  /** <pool>/io, when present. */
  readonly io: KstatText;
  /** <pool>/objset-* in name order. */
  readonly objsets: readonly { readonly file: string; readonly text: string }[];
  /** <pool>/state, when present. */
  readonly state: KstatText;
}

export interface ZfsKstats {
  /** The named top-level kstats (arcstats, ...) that could be read. */
  readonly files: ReadonlyMap<string, string>;
  readonly pools: readonly ZfsPoolKstats[];
}

/** A kstat that cannot be opened is one this ZFS version lacks (node_exporter skips it); other read errors throw. */
function readOptional(kfs: KernelFs, path: string): KstatText {
  try {
    return kfs.readTextSync(path);
  } catch (err) {
    const kind = classifyReadError(err);
    if (kind === 'missing' || kind === 'permission') return undefined;
    throw err;
  }
}

/**
 * The kstats, or undefined when <procfs>/spl/kstat/zfs cannot be opened (no zfs module). Pools are the
 * sub-directories of that directory, each with what it has of io, objset-* and state (as node_exporter's
 * globs "*\/io", "*\/objset-*", "*\/state" find them). A listed file that cannot be read throws (node_exporter
 * fails the scrape then too: a pool being exported).
 */
export function readZfsKstats(kfs: KernelFs, names: readonly string[]): ZfsKstats | undefined {
  const root = kfs.proc('spl', 'kstat', 'zfs');
  let entries: string[];
  try {
    entries = kfs.listSync(root);
  } catch {
    return undefined;
  }
  const files = new Map<string, string>();
  for (const name of names) {
    const text = readOptional(kfs, join(root, name));
    if (text !== undefined) files.set(name, text);
  }
  const pools: ZfsPoolKstats[] = [];
  for (const pool of entries) {
    const dir = join(root, pool);
    if (!kfs.isDirectorySync(dir)) continue;
    const inPool = kfs.listOptionalSync(dir);
    const io = inPool.includes('io') ? kfs.readTextSync(join(dir, 'io')) : undefined;
    const objsets = inPool.filter((f) => f.startsWith('objset-')).map((file) => ({ file, text: kfs.readTextSync(join(dir, file)) }));
    const state = inPool.includes('state') ? kfs.readTextSync(join(dir, 'state')) : undefined;
    pools.push({ pool, io, objsets, state });
  }
  return { files, pools };
}
