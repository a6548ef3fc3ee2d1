// The local time zone the way Go's time package sees it (node_exporter's node_time_zone_offset_seconds
// reports time.Now().Zone()): TZif data (tzfile(5)) plus its POSIX TZ footer, looked up like Go's
// Location.lookup and tzset. Pure: bytes in, zone out. ICU's short names ("GMT+1") differ from the tz
// database abbreviations Go prints ("CET"), hence this.

export interface ZoneType {
  readonly name: string;
  /** Seconds east of UTC. */
  readonly offset: number;
  readonly isDst: boolean;
}

export interface TzData {
  readonly zones: readonly ZoneType[];
  /** Transition times (Unix seconds, ascending) and the zone index in effect from then on. */
  readonly transitions: readonly { readonly at: number; readonly zone: number }[];
  /** The POSIX TZ string of a version 2+ footer, or "". */
  readonly extend: string;
}

export const UTC_DATA: TzData = { zones: [{ name: 'UTC', offset: 0, isDst: false }], transitions: [], extend: '' };

class Reader {
  pos = 0;
  constructor(private readonly b: Uint8Array) {}
  need(n: number): void {
    if (this.pos + n > this.b.length) throw new Error('truncated TZif data');
  }
  u8(): number {
    this.need(1);
    return this.b[this.pos++] as number;
  }
  i32(): number {
    this.need(4);
    const b = this.b;
    const p = this.pos;
    this.pos += 4;
    return (((b[p] as number) << 24) | ((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number)) | 0;
  }
  i64(): number {
    const hi = this.i32();
    const lo = this.i32() >>> 0;
    return hi * 4294967296 + lo;
  }
  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  rest(): Uint8Array {
    return this.b.subarray(this.pos);
  }
}

interface Counts {
  utcLocal: number;
  stdWall: number;
  leap: number;
  time: number;
  zone: number;
  char: number;
}

function header(r: Reader): { version: number; n: Counts } {
  const magic = r.bytes(4);
  if (String.fromCharCode(...magic) !== 'TZif') throw new Error('not TZif data');
  const v = r.u8();
  const version = v === 0 ? 1 : v - 0x30;
  r.skip(15);
  const n: Counts = { utcLocal: r.i32(), stdWall: r.i32(), leap: r.i32(), time: r.i32(), zone: r.i32(), char: r.i32() };
  for (const c of Object.values(n)) if (c < 0) throw new Error('bad TZif counts');
  return { version, n };
}

/** Parses TZif data (zoneinfo files, /etc/localtime); throws on anything Go's LoadLocationFromTZIFData rejects. */
export function parseTzif(data: Uint8Array): TzData {
  const r = new Reader(data);
  let { version, n } = header(r);
  let wide = false;
  if (version >= 2) {
    r.skip(n.time * 4 + n.time + n.zone * 6 + n.char + n.leap * 8 + n.stdWall + n.utcLocal);
    ({ n } = header(r));
    wide = true;
  }
  if (n.zone === 0 || n.char === 0) throw new Error('TZif data without zones');
  const times: number[] = [];
  for (let i = 0; i < n.time; i++) times.push(wide ? r.i64() : r.i32());
  const idx: number[] = [];
  for (let i = 0; i < n.time; i++) idx.push(r.u8());
  const raw: { off: number; dst: boolean; abbr: number }[] = [];
  for (let i = 0; i < n.zone; i++) raw.push({ off: r.i32(), dst: r.u8() !== 0, abbr: r.u8() });
  const chars = r.bytes(n.char);
  r.skip(n.leap * (wide ? 12 : 8) + n.stdWall + n.utcLocal);
  const zones = raw.map((z) => {
    if (z.abbr >= chars.length) throw new Error('bad TZif abbreviation index');
    let end = z.abbr;
    while (end < chars.length && chars[end] !== 0) end++;
    return { name: String.fromCharCode(...chars.subarray(z.abbr, end)), offset: z.off, isDst: z.dst };
  });
  const transitions = times.map((at, i) => {
    const zone = idx[i] as number;
    if (zone >= zones.length) throw new Error('bad TZif zone index');
    return { at, zone };
  });
  let extend = '';
  const rest = r.rest();
  if (wide && rest.length > 2 && rest[0] === 0x0a && rest[rest.length - 1] === 0x0a) {
    extend = new TextDecoder().decode(rest.subarray(1, rest.length - 1));
  }
  return { zones, transitions, extend };
}

// --- POSIX TZ strings (Go's tzset) ---

interface Rule {
  readonly kind: 'julian' | 'doy' | 'mwd';
  readonly day: number;
  readonly week: number;
  readonly mon: number;
  /** Seconds after local midnight. */
  readonly time: number;
}

type Parsed<T> = [T, string] | undefined;

function tzNum(s: string, min: number, max: number): Parsed<number> {
  if (s === '') return undefined;
  let num = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) {
      if (i === 0 || num < min) return undefined;
      return [num, s.slice(i)];
    }
    num = num * 10 + (c - 48);
    if (num > max) return undefined;
  }
  if (num < min) return undefined;
  return [num, ''];
}

function tzName(s: string): Parsed<string> {
  if (s === '') return undefined;
  if (s[0] !== '<') {
    for (let i = 0; i < s.length; i++) {
      if ('0123456789,-+'.includes(s[i] as string)) return i < 3 ? undefined : [s.slice(0, i), s.slice(i)];
    }
    return s.length < 3 ? undefined : [s, ''];
  }
  const end = s.indexOf('>');
  return end < 0 ? undefined : [s.slice(1, end), s.slice(end + 1)];
}

function tzOffset(input: string): Parsed<number> {
  let s = input;
  if (s === '') return undefined;
  let neg = false;
  if (s[0] === '+') s = s.slice(1);
  else if (s[0] === '-') {
    s = s.slice(1);
    neg = true;
  }
  const h = tzNum(s, 0, 24 * 7);
  if (!h) return undefined;
  let off = h[0] * 3600;
  s = h[1];
  for (const unit of [60, 1]) {
    if (s === '' || s[0] !== ':') break;
    const p = tzNum(s.slice(1), 0, 59);
    if (!p) return undefined;
    off += p[0] * unit;
    s = p[1];
  }
  return [neg ? -off : off, s];
}

function tzRule(input: string): Parsed<Rule> {
  let s = input;
  if (s === '') return undefined;
  let kind: Rule['kind'];
  let day = 0;
  let week = 0;
  let mon = 0;
  if (s[0] === 'J') {
    const p = tzNum(s.slice(1), 1, 365);
    if (!p) return undefined;
    [day, s] = p;
    kind = 'julian';
  } else if (s[0] === 'M') {
    const m = tzNum(s.slice(1), 1, 12);
    if (!m || m[1][0] !== '.') return undefined;
    const w = tzNum(m[1].slice(1), 1, 5);
    if (!w || w[1][0] !== '.') return undefined;
    const d = tzNum(w[1].slice(1), 0, 6);
    if (!d) return undefined;
    [mon, week, day, s] = [m[0], w[0], d[0], d[1]];
    kind = 'mwd';
  } else {
    const p = tzNum(s, 0, 365);
    if (!p) return undefined;
    [day, s] = p;
    kind = 'doy';
  }
  if (s === '' || s[0] !== '/') return [{ kind, day, week, mon, time: 2 * 3600 }, s];
  const t = tzOffset(s.slice(1));
  if (!t) return undefined;
  return [{ kind, day, week, mon, time: t[0] }, t[1]];
}

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const DAYS_BEFORE = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
function daysIn(mon: number, year: number): number {
  if (mon === 2 && isLeap(year)) return 29;
  return (DAYS_BEFORE[mon] as number) - (DAYS_BEFORE[mon - 1] as number);
}

/** Seconds after the start of the year (UTC) at which the rule takes effect, for a zone at offset off. */
function ruleTime(year: number, r: Rule, off: number): number {
  let s = 0;
  if (r.kind === 'julian') {
    s = (r.day - 1) * 86400;
    if (isLeap(year) && r.day >= 60) s += 86400;
  } else if (r.kind === 'doy') {
    s = r.day * 86400;
  } else {
    // Zeller's congruence: day of week of the first of the month.
    const m1 = ((r.mon + 9) % 12) + 1;
    let yy0 = year;
    if (r.mon <= 2) yy0--;
    const yy1 = Math.trunc(yy0 / 100);
    const yy2 = yy0 % 100;
    let dow = (Math.trunc((26 * m1 - 2) / 10) + 1 + yy2 + Math.trunc(yy2 / 4) + Math.trunc(yy1 / 4) - 2 * yy1) % 7;
    if (dow < 0) dow += 7;
    let d = r.day - dow;
    if (d < 0) d += 7;
    for (let i = 1; i < r.week; i++) {
      if (d + 7 >= daysIn(r.mon, year)) break;
      d += 7;
    }
    d += DAYS_BEFORE[r.mon - 1] as number;
    if (isLeap(year) && r.mon > 2) d++;
    s = d * 86400;
  }
  return s + r.time - off;
}

/** The zone a POSIX TZ string gives at Unix time sec, or undefined if the string does not parse (Go's tzset). */
export function tzset(tz: string, sec: number): { name: string; offset: number; isDst: boolean } | undefined {
  const std = tzName(tz);
  if (!std) return undefined;
  const stdOff = tzOffset(std[1]);
  if (!stdOff) return undefined;
  let stdName = std[0];
  let stdOffset = 0 - stdOff[0];
  let s = stdOff[1];
  if (s === '' || s[0] === ',') return { name: stdName, offset: stdOffset, isDst: false };
  const dst = tzName(s);
  if (!dst) return undefined;
  let dstName = dst[0];
  let dstOffset: number;
  s = dst[1];
  if (s === '' || s[0] === ',') dstOffset = stdOffset + 3600;
  else {
    const o = tzOffset(s);
    if (!o) return undefined;
    dstOffset = 0 - o[0];
    s = o[1];
  }
  if (s === '') s = ',M3.2.0,M11.1.0';
  if (s[0] !== ',' && s[0] !== ';') return undefined;
  const start = tzRule(s.slice(1));
  if (!start || start[1][0] !== ',') return undefined;
  const end = tzRule(start[1].slice(1));
  if (!end || end[1] !== '') return undefined;

  const year = new Date(sec * 1000).getUTCFullYear();
  const ystart = Date.UTC(year, 0, 1) / 1000;
  const ysec = sec - ystart;
  let startSec = ruleTime(year, start[0], stdOffset);
  let endSec = ruleTime(year, end[0], dstOffset);
  let dstIsDst = true;
  let stdIsDst = false;
  if (endSec < startSec) {
    [startSec, endSec] = [endSec, startSec];
    [stdName, dstName] = [dstName, stdName];
    [stdOffset, dstOffset] = [dstOffset, stdOffset];
    [stdIsDst, dstIsDst] = [dstIsDst, stdIsDst];
  }
  if (ysec < startSec || ysec >= endSec) return { name: stdName, offset: stdOffset, isDst: stdIsDst };
  return { name: dstName, offset: dstOffset, isDst: dstIsDst };
}

function firstZone(tz: TzData): number {
  if (!tz.transitions.some((t) => t.zone === 0)) return 0;
  const first = tz.transitions[0];
  if (first && tz.zones[first.zone]?.isDst) {
    for (let zi = first.zone - 1; zi >= 0; zi--) if (!tz.zones[zi]?.isDst) return zi;
  }
  const std = tz.zones.findIndex((z) => !z.isDst);
  return std >= 0 ? std : 0;
}

/** The zone in effect at Unix time sec (Go's Location.lookup). */
export function lookupZone(tz: TzData, sec: number): { name: string; offset: number } {
  if (tz.zones.length === 0) return { name: 'UTC', offset: 0 };
  // Go gives a zone file without transitions one at the start of time.
  const tx = tz.transitions.length > 0 ? tz.transitions : [{ at: -Infinity, zone: 0 }];
  const first = tx[0] as { at: number; zone: number };
  if (sec < first.at) {
    const z = tz.zones[firstZone(tz)] as ZoneType;
    return { name: z.name, offset: z.offset };
  }
  let lo = 0;
  let hi = tx.length;
  while (hi - lo > 1) {
    const m = (lo + hi) >>> 1;
    if (sec < (tx[m] as { at: number }).at) hi = m;
    else lo = m;
  }
  const z = tz.zones[(tx[lo] as { zone: number }).zone] as ZoneType;
  if (lo === tx.length - 1 && tz.extend !== '') {
    const e = tzset(tz.extend, sec);
    if (e) return { name: e.name, offset: e.offset };
  }
  return { name: z.name, offset: z.offset };
}
