// The kstat files of OpenZFS under /proc/spl/kstat/zfs (node_exporter's collector/zfs_linux.go parses
// them itself): the "name type data" tables (arcstats, abdstats, ..., a pool's objset-*), a pool's io
// table and a pool's state line. Pure: text in, records out; a value that does not parse throws.
import { parseGoInt64Base10, parseGoUint64Base10 } from '../goparse.ts';
import { fields, scanLines } from '../gostrings.ts';

/** One row of a kstat table: its name (as written, e.g. "erpt-dropped") and value. */
export interface ZfsKstat {
  readonly name: string;
  readonly value: number;
}

/** kstat data types node_exporter reads (lib/libspl/include/sys/kstat.h); the others are ignored. */
const KSTAT_DATA_INT64 = '3';
const KSTAT_DATA_UINT64 = '4';

/**
 * The rows after a kstat table's "name type data" header that have at least three words (the line and
 * its words); undefined when there is no header.
 */
function tableRows(text: string): { line: string; parts: [string, string, string, ...string[]] }[] | undefined {
  const rows: { line: string; parts: [string, string, string, ...string[]] }[] = [];
  let started = false;
  for (const line of scanLines(text)) {
    const parts = fields(line);
    if (!started) {
      started = parts.length === 3 && parts[0] === 'name' && parts[1] === 'type' && parts[2] === 'data';
      continue;
    }
    if (parts.length >= 3) rows.push({ line, parts: parts as [string, string, string, ...string[]] });
  }
  return started ? rows : undefined;
}

/**
 * A kstat table (arcstats, dbufstats, fm, ...): the rows after the "name type data" header whose type is
 * int64 (3) or uint64 (4). Throws when a value of those types does not parse, or there is no header.
 * `file` names the file in error messages and help texts ("arcstats").
 */
export function parseZfsKstats(text: string, file: string): ZfsKstat[] {
  const rows = tableRows(text);
  if (rows === undefined) throw new Error(`did not parse a single "${file}" metric`);
  const out: ZfsKstat[] = [];
  for (const { parts } of rows) {
    const [name, type, data] = parts;
    if (type === KSTAT_DATA_UINT64) {
      const v = parseGoUint64Base10(data);
      if (v === undefined) throw new Error(`could not parse expected unsigned integer value for "kstat.zfs.misc.${file}.${name}": ${JSON.stringify(data)}`);
      out.push({ name, value: Number(v) });
    } else if (type === KSTAT_DATA_INT64) {
      const v = parseGoInt64Base10(data);
      if (v === undefined) throw new Error(`could not parse expected signed integer value for "kstat.zfs.misc.${file}.${name}": ${JSON.stringify(data)}`);
      out.push({ name, value: v });
    }
  }
  return out;
}

/**
 * A pool's io kstat: a header row starting with "nread" (at least 12 columns), then rows of unsigned
 * values, one per column. Every row after the header is returned (the kernel writes one). Throws when a
 * row has fewer columns than the header or a value does not parse (node_exporter panics on the former).
 * A file without that header has no rows.
 */
export function parseZfsPoolIo(text: string): ZfsKstat[][] {
  const rows: ZfsKstat[][] = [];
  let header: string[] | undefined;
  for (const line of scanLines(text)) {
    const parts = fields(line);
    if (header === undefined) {
      if (parts.length >= 12 && parts[0] === 'nread') header = parts;
      continue;
    }
    if (parts.length < header.length) throw new Error(`zpool io row has ${parts.length} values for ${header.length} columns`);
    rows.push(
      header.map((name, i) => {
        const v = parseGoUint64Base10(parts[i] as string);
        if (v === undefined) throw new Error(`could not parse expected integer value for "kstat.zfs.misc.io.${name}": ${JSON.stringify(parts[i])}`);
        return { name, value: Number(v) };
      }),
    );
  }
  return rows;
}

/** One uint64 row of an objset kstat, with the dataset named before it (undefined: no dataset_name row yet). */
export interface ZfsObjsetRow extends ZfsKstat {
  readonly dataset: string | undefined;
}

/**
 * A dataset's objset-0x… kstat: its uint64 rows, each with the dataset of the last "dataset_name" row
 * before it (the kernel writes that row first). The dataset name is the rest of that line from the first
 * occurrence of its first word, inner spaces kept, as node_exporter takes it. Throws on a bad value or a
 * missing header.
 */
export function parseZfsObjset(text: string): ZfsObjsetRow[] {
  const rows = tableRows(text);
  if (rows === undefined) throw new Error('did not parse a single objset metric');
  const out: ZfsObjsetRow[] = [];
  let dataset: string | undefined;
  for (const { line, parts } of rows) {
    const [name, type, data] = parts;
    if (name === 'dataset_name') {
      dataset = line.slice(line.indexOf(data));
      continue;
    }
    if (type !== KSTAT_DATA_UINT64) continue;
    const v = parseGoUint64Base10(data);
    if (v === undefined) throw new Error(`could not parse expected integer value for "kstat.zfs.misc.objset.${name}"`);
    out.push({ name, value: Number(v), dataset });
  }
  return out;
}

/** The states node_exporter reports for every pool, one of them 1. */
export const ZFS_POOL_STATES = ['online', 'degraded', 'faulted', 'offline', 'removed', 'unavail', 'suspended'] as const;

/** A pool's state file: its first line, lower-cased ("ONLINE" -> "online"; "" for an empty file). */
export function parseZfsPoolState(text: string): string {
  return (scanLines(text)[0] ?? '').toLowerCase();
}

/**
 * The metric name node_exporter makes of a kstat name: the part after its last ".", with "-" replaced
 * by "_" ("erpt-dropped" -> "erpt_dropped").
 */
export function zfsMetricName(kstatName: string): string {
  const dot = kstatName.lastIndexOf('.');
  return kstatName.slice(dot + 1).replaceAll('-', '_');
}
