// /proc/<pid>/mountinfo (proc_pid_mountinfo(5)), one mount per line:
//   36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 - ext3 /dev/root rw,errors=continue
//   (1)(2)(3)   (4)   (5)         (6)       (7)      (8) (9)   (10)       (11)
// Fields are split the way prometheus/procfs does it (1.12.1's node_exporter reads mounts through it): the
// line is cut at " - "; before it, single-space separated, come the mount ID, parent ID, major:minor, root,
// mount point, mount options and zero or more optional fields; after it the filesystem type, the source
// and the super options (the rest of the line).

import { parseGoInt64Base10 } from '../goparse.ts';
import { scanLines } from '../gostrings.ts';

export interface MountInfo {
  readonly mountId: number;
  readonly parentId: number;
  readonly major: number;
  readonly minor: number;
  readonly root: string;
  /** The mount point with \040 (space) and \011 (tab) decoded, exactly the two escapes node_exporter decodes. */
  readonly mountPoint: string;
  /** Per-mount options in file order ("rw", "noatime", "size=512k"). */
  readonly options: readonly string[];
  /** Optional fields with a key procfs accepts (shared, master, propagate_from, unbindable); "unbindable" has value "". */
  readonly optionalFields: Readonly<Record<string, string>>;
  readonly fsType: string;
  /** Mount source ("/dev/sda1", "overlayfs:/overlay", "tmpfs"), as in the file. */
  readonly source: string;
  /** Super block options in file order. */
  readonly superOptions: readonly string[];
}

const OPTIONAL_KEYS = new Set(['shared', 'master', 'propagate_from', 'unbindable']);
const INT = /^\d+$/;
const MAJOR_MINOR = /^(\d+):(\d+)$/;

/** Decodes the escapes node_exporter decodes in mount points (fstab(5)): \040 and \011 only. */
export function decodeMountPoint(raw: string): string {
  return raw.replaceAll('\\040', ' ').replaceAll('\\011', '\t');
}

function splitOptions(s: string): string[] {
  return s.split(',');
}

/** Parses one mountinfo line; undefined if it is malformed. */
export function parseMountInfoLine(line: string): MountInfo | undefined {
  const halves = line.split(' - ');
  if (halves.length !== 2) return undefined;
  const [before, after] = halves as [string, string];
  const f = before.split(' ');
  if (f.length < 6) return undefined;
  const [id, parent, majMin, root, mountPoint, options] = f as [string, string, string, string, string, string];
  if (!INT.test(id) || !INT.test(parent)) return undefined;
  const mm = MAJOR_MINOR.exec(majMin);
  if (!mm) return undefined;
  const optionalFields: Record<string, string> = {};
  for (const field of f.slice(6)) {
    const colon = field.indexOf(':');
    const key = colon < 0 ? field : field.slice(0, colon);
    if (OPTIONAL_KEYS.has(key)) optionalFields[key] = colon < 0 ? '' : field.slice(colon + 1);
  }
  const a = after.split(' ');
  if (a.length < 3) return undefined;
  const fsType = a[0] as string;
  const source = a[1] as string;
  const superOptions = a.slice(2).join(' ');
  if (fsType === '' || mountPoint === '') return undefined;
  return {
    mountId: Number(id),
    parentId: Number(parent),
    major: Number(mm[1]),
    minor: Number(mm[2]),
    root,
    mountPoint: decodeMountPoint(mountPoint),
    options: splitOptions(options),
    optionalFields,
    fsType,
    source,
    superOptions: splitOptions(superOptions),
  };
}

/**
 * Parses a whole mountinfo file. Malformed lines are skipped (procfs, and so node_exporter, would fail the
 * whole file); a file with content but not one well-formed line throws.
 */
export function parseMountInfo(text: string): MountInfo[] {
  const out: MountInfo[] = [];
  let lines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    lines++;
    const m = parseMountInfoLine(line);
    if (m) out.push(m);
  }
  if (lines > 0 && out.length === 0) {
    throw new Error(`unexpected mountinfo content: ${JSON.stringify(text.slice(0, 80))}`);
  }
  return out;
}

/** What procfs's own mountinfo line rule yields that the mountstats collector uses. */
export interface MountSuperBlock {
  readonly mountPoint: string;
  readonly fsType: string;
  readonly source: string;
  /** The super options: the line's last field, split at commas. */
  readonly superOptions: readonly string[];
}

/**
 * Parses a whole mountinfo file exactly as procfs's parseMountInfo (Proc.MountInfo) does, where the
 * mountstats collector pairs its entries with mountstats' by position, so none may be dropped or added:
 * every line (a blank one too) splits at single spaces into at least 10 fields with "-" fourth from
 * the end and integer IDs first, else it throws. Mount point and source are taken as written (an empty
 * field is kept), the super options are the last field.
 */
export function parseMountInfoStrict(text: string): MountSuperBlock[] {
  return scanLines(text).map((line) => {
    const f = line.split(' ');
    const n = f.length;
    if (n < 10 || f[n - 4] !== '-' || parseGoInt64Base10(f[0] as string) === undefined || parseGoInt64Base10(f[1] as string) === undefined) {
      throw new Error(`malformed mountinfo line ${JSON.stringify(line.slice(0, 120))}`);
    }
    return { mountPoint: f[4] as string, fsType: f[n - 3] as string, source: f[n - 2] as string, superOptions: (f[n - 1] as string).split(',') };
  });
}

/**
 * A super option's value as procfs's map of them gives it: "addr=10.0.0.1" -> "10.0.0.1", "ro" -> "",
 * "a=b=c" -> "b"; the last of a repeated key; undefined when absent.
 */
export function superOptionValue(m: Pick<MountSuperBlock, 'superOptions'>, key: string): string | undefined {
  let value: string | undefined;
  for (const opt of m.superOptions) {
    const parts = opt.split('=');
    if (parts[0] === key) value = parts.length < 2 ? '' : (parts[1] as string);
  }
  return value;
}
