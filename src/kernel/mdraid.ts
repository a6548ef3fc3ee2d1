// /sys/block/md*/md/: the md arrays' attributes, read for the mdadm collector (prometheus/procfs's
// sysfs.Mdraids). Synchronous: since Linux 4.0 ("md: remove mddev_lock() from md_attr_show()") the
// show() functions of these attributes copy fields of the array (and of its member devices) without
// taking the array's reconfiguration lock or asking a driver. (On 3.x kernels md_attr_show took that
// lock, which an array being assembled or reshaped holds for seconds.) All of an array's attributes
// are read, then their errors judged in procfs's order.
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { CHUNKED_LEVELS, REDUNDANT_LEVELS, hasRaidDisks, parseRaidDisks, syncCompletedValid } from '../sysfs/mdraid.ts';
import { parseGoUint64Base10 } from '../goparse.ts';

export interface Mdraid {
  /** "md0" */
  readonly device: string;
  readonly level: string;
  /** raid_disks; undefined for containers, an empty level or an unparsable count. */
  readonly disks: number | undefined;
  /** degraded (raid1/4/5/6/10), else 0. */
  readonly degraded: number;
}

/** A read or parse failure of one md attribute; the collector fails as node_exporter's does. */
export class MdraidError extends Error {
  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`${path}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** An attribute's trimmed text, or the error that made it unreadable. */
type AttrResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly err: unknown };

function readAttr(kfs: KernelFs, path: string): AttrResult {
  try {
    return { ok: true, text: kfs.attrOrThrowSync(path) };
  } catch (err) {
    return { ok: false, err };
  }
}

function text(path: string, r: AttrResult): string {
  if (!r.ok) throw new MdraidError(path, r.err);
  return r.text;
}

function uint(path: string, r: AttrResult): number {
  const v = parseGoUint64Base10(text(path, r));
  if (v === undefined) throw new MdraidError(path, new Error(`invalid unsigned integer ${JSON.stringify(r.ok ? r.text : '')}`));
  return v;
}

/** The arrays with an md/ directory, sorted as Go's filepath.Glob("block/md*\/md") returns them. */
function arrays(kfs: KernelFs): string[] {
  const block = kfs.sys('block');
  return kfs.listOptionalSync(block).filter((name) => name.startsWith('md') && kfs.listOptionalSync(join(block, name)).includes('md'));
}

function readOne(kfs: KernelFs, device: string): Mdraid {
  const dir = kfs.sys('block', device, 'md');
  const p = (f: string): string => join(dir, f);
  const level = text(p('level'), readAttr(kfs, p('level')));
  const names = ['array_state', 'metadata_version', 'uuid'];
  if (hasRaidDisks(level)) names.push('raid_disks');
  if (CHUNKED_LEVELS.has(level)) names.push('chunk_size');
  if (REDUNDANT_LEVELS.has(level)) names.push('degraded', 'sync_action', 'sync_completed');
  const components = kfs.listOptionalSync(dir).filter((n) => n.startsWith('dev-'));
  for (const c of components) names.push(`${c}/state`);
  const a = new Map(names.map((n) => [n, readAttr(kfs, p(n))]));
  const get = (n: string): AttrResult => a.get(n) as AttrResult;
  // procfs's order: level, array_state, metadata_version, raid_disks, uuid, components, chunk_size, degraded, sync_*
  text(p('array_state'), get('array_state'));
  text(p('metadata_version'), get('metadata_version'));
  const disks = hasRaidDisks(level) ? parseRaidDisks(text(p('raid_disks'), get('raid_disks'))) : undefined;
  text(p('uuid'), get('uuid'));
  for (const c of components) text(p(`${c}/state`), get(`${c}/state`));
  if (CHUNKED_LEVELS.has(level)) uint(p('chunk_size'), get('chunk_size'));
  let degraded = 0;
  if (REDUNDANT_LEVELS.has(level)) {
    degraded = uint(p('degraded'), get('degraded'));
    text(p('sync_action'), get('sync_action'));
    const sc = text(p('sync_completed'), get('sync_completed'));
    if (!syncCompletedValid(sc)) throw new MdraidError(p('sync_completed'), new Error(`unexpected ${JSON.stringify(sc)}`));
  }
  return { device, level, disks, degraded };
}

/**
 * Every array's level, disk count and degraded count. Throws MdraidError for the first attribute
 * procfs could not read or parse (in array order).
 */
export function readMdraids(kfs: KernelFs): Mdraid[] {
  return arrays(kfs).map((d) => readOne(kfs, d));
}
