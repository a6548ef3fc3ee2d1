// /proc/mdstat: the md (software RAID) arrays, as prometheus/procfs's parseMDStat reads them for
// node_exporter's mdadm collector. A file procfs cannot parse is an error for the whole file (the
// collector fails), never a partial result.
import { parseGoFloat, parseGoInt64Base10 } from '../goparse.ts';
import { fields } from '../gostrings.ts';

export interface MdStat {
  /** "md0" */
  readonly name: string;
  /** raid1, raid5… or "unknown" when the personality is not listed. */
  readonly type: string;
  /** active, inactive, recovering, resyncing, checking, reshaping (the sync line overrides the device line). */
  readonly activityState: string;
  readonly disksActive: number;
  readonly disksTotal: number;
  readonly disksFailed: number;
  /** Disks marked "_" in the status line. */
  readonly disksDown: number;
  readonly disksSpare: number;
  readonly blocksTotal: number;
  readonly blocksSynced: number;
  readonly blocksToBeSynced: number;
}

const PERSONALITIES = 'Personalities : ';
// The `s` flag: Go's `.` matches every character but \n, JavaScript's also stops at \r; lines hold no \n.
const STATUS_LINE = /(\d+) blocks .*\[(\d+)\/(\d+)\] \[([U_]+)\]/s;
const RECOVERY_BLOCKS = /\((\d+\/\d+)\)/;
const RECOVERY_PCT = /= (.+)%/s;
const RECOVERY_FINISH = /finish=(.+)min/s;
const RECOVERY_SPEED = /speed=(.+)[A-Z]/s;
const COMPONENT = /(.*)\[(\d+)\](\([SF]+\))?/s;
const INT32_MAX = 2 ** 31 - 1;

export class MdStatError extends Error {}


function count(s: string, sub: string): number {
  return s.split(sub).length - 1;
}

function int64(s: string, what: string): number {
  const v = parseGoInt64Base10(s);
  if (v === undefined) throw new MdStatError(`${what}: invalid integer ${JSON.stringify(s)}`);
  return v;
}

function float(s: string, line: string): number {
  const v = parseGoFloat(s);
  if (v === undefined) throw new MdStatError(`cannot parse float from recovery line ${JSON.stringify(line)}`);
  return v;
}

function isRaidType(word: string, known: ReadonlySet<string>): boolean {
  return known.has(word) && !/[([]/.test(word);
}

interface StatusLine {
  readonly active: number;
  readonly total: number;
  readonly down: number;
  readonly size: number;
}

function evalStatusLine(deviceLine: string, statusLine: string): StatusLine {
  const f = fields(statusLine);
  if (f.length < 1) throw new MdStatError(`unexpected status line ${JSON.stringify(statusLine)}`);
  const size = int64(f[0] as string, 'status line size');
  if (deviceLine.includes('raid0') || deviceLine.includes('linear')) {
    // only the component disks carry a number in [] on the device line
    const total = count(deviceLine, '[');
    return { active: total, total, down: 0, size };
  }
  if (deviceLine.includes('inactive')) return { active: 0, total: 0, down: 0, size };
  const m = STATUS_LINE.exec(statusLine);
  if (!m) throw new MdStatError(`could not find all substring matches in ${JSON.stringify(statusLine)}`);
  const total = int64(m[2] as string, 'status line total');
  const active = int64(m[3] as string, 'status line active');
  return { active, total, down: count(m[4] as string, '_'), size };
}

/** The synced and to-be-synced blocks of a recovery/resync/check line; every part must parse, as in procfs. */
function evalRecoveryLine(line: string): { synced: number; toBeSynced: number } {
  const b = RECOVERY_BLOCKS.exec(line);
  if (!b) throw new MdStatError(`unexpected recovery line blocks ${JSON.stringify(line)}`);
  const [done, todo] = (b[1] as string).split('/') as [string, string];
  const synced = int64(done, 'recovery blocks synced');
  const toBeSynced = int64(todo, 'recovery blocks to be synced');
  const pct = RECOVERY_PCT.exec(line);
  if (!pct) throw new MdStatError(`unexpected recovery line percentage ${JSON.stringify(line)}`);
  float((pct[1] as string).trim(), line);
  const finish = RECOVERY_FINISH.exec(line);
  if (!finish) throw new MdStatError(`unexpected recovery line finish time ${JSON.stringify(line)}`);
  float(finish[1] as string, line);
  const speed = RECOVERY_SPEED.exec(line);
  if (!speed) throw new MdStatError(`unexpected recovery line speed ${JSON.stringify(line)}`);
  float(speed[1] as string, line);
  return { synced, toBeSynced };
}

/** procfs checks each component's descriptor index fits an int32 (the component list itself is not exported). */
function checkComponents(words: readonly string[]): void {
  for (const w of words) {
    const m = COMPONENT.exec(w);
    if (!m) continue;
    const v = parseGoInt64Base10(m[2] as string);
    if (v === undefined || v > INT32_MAX) throw new MdStatError(`error parsing int from device ${JSON.stringify(m[2])}`);
  }
}

/** The arrays of /proc/mdstat; throws MdStatError where procfs returns an error. */
export function parseMdStat(text: string): MdStat[] {
  const out: MdStat[] = [];
  const lines = text.split('\n');
  const known = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '' || line[0] === ' ' || line.startsWith('unused')) continue;
    if (known.size === 0 && line.startsWith(PERSONALITIES)) {
      for (const word of fields(line.slice(PERSONALITIES.length))) {
        if (word.length < 2) throw new MdStatError(`malformed personality ${JSON.stringify(word)}`);
        known.add(word.slice(1, -1));
      }
      continue;
    }
    const f = fields(line);
    if (f.length < 3) throw new MdStatError(`expected 3+ fields, got ${JSON.stringify(line)}`);
    const name = f[0] as string;
    let state = f[2] as string;
    let type = 'unknown';
    let deviceStart = 0;
    if (f.length > 3) {
      if (isRaidType(f[3] as string, known)) {
        type = f[3] as string;
        deviceStart = 4;
      } else if (f.length > 4 && isRaidType(f[4] as string, known)) {
        type = f[4] as string;
        deviceStart = 5;
      }
    }
    if (lines.length <= i + 3) throw new MdStatError(`too few lines for md device ${JSON.stringify(name)}`);
    const failed = count(line, '(F)');
    const spare = count(line, '(S)');
    const status = evalStatusLine(line, lines[i + 1] as string);
    const syncLine = lines[(lines[i + 2] as string).includes('bitmap') ? i + 3 : i + 2] as string;
    let synced = status.size;
    let toBeSynced = status.size;
    const recovering = syncLine.includes('recovery');
    const reshaping = syncLine.includes('reshape');
    const resyncing = syncLine.includes('resync');
    const checking = syncLine.includes('check');
    if (recovering || reshaping || resyncing || checking) {
      state = recovering ? 'recovering' : reshaping ? 'reshaping' : checking ? 'checking' : 'resyncing';
      if (syncLine.includes('PENDING') || syncLine.includes('DELAYED')) {
        synced = 0;
      } else {
        ({ synced, toBeSynced } = evalRecoveryLine(syncLine));
      }
    }
    checkComponents(f.slice(deviceStart));
    out.push({
      name,
      type,
      activityState: state,
      disksActive: status.active,
      disksTotal: status.total,
      disksFailed: failed,
      disksDown: status.down,
      disksSpare: spare,
      blocksTotal: status.size,
      blocksSynced: synced,
      blocksToBeSynced: toBeSynced,
    });
  }
  return out;
}
