// Number parsing as Go's strconv does it, where node_exporter's output depends on the exact rules
// (prometheus/procfs reads sysfs integers with strconv.ParseInt(s, 0, 64), softnet columns with
// strconv.ParseUint(s, 16, 32)). Each returns undefined where Go returns an error.

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const DIGITS: Readonly<Record<number, RegExp>> = {
  2: /^[01]+$/,
  8: /^[0-7]+$/,
  10: /^[0-9]+$/,
  16: /^[0-9a-fA-F]+$/,
};

/** Go's underscoreOK: underscores only between digits (a base prefix counts as a digit). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  let body = s;
  if (body.startsWith('-') || body.startsWith('+')) body = body.slice(1);
  let hex = false;
  if (body.length >= 2 && body[0] === '0' && /[bBoOxX]/.test(body[1] as string)) {
    i = 2;
    saw = '0';
    hex = body[1] === 'x' || body[1] === 'X';
  }
  for (; i < body.length; i++) {
    const c = body[i] as string;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/**
 * strconv.ParseInt(s, 0, 64): optional sign, then a 0x/0o/0b prefix, a leading 0 for octal, or decimal;
 * underscores between digits; the result must fit in an int64. No surrounding whitespace allowed.
 */
export function parseGoInt(s: string): number | undefined {
  if (s === '') return undefined;
  let body = s;
  let negative = false;
  if (body[0] === '+' || body[0] === '-') {
    negative = body[0] === '-';
    body = body.slice(1);
  }
  let base = 10;
  if (body.length >= 2 && body[0] === '0') {
    const p = (body[1] as string).toLowerCase();
    if (p === 'x') [base, body] = [16, body.slice(2)];
    else if (p === 'o') [base, body] = [8, body.slice(2)];
    else if (p === 'b') [base, body] = [2, body.slice(2)];
    else [base, body] = [8, body.slice(1)];
  }
  if (body.includes('_')) {
    if (!underscoreOK(s)) return undefined;
    body = body.replaceAll('_', '');
  }
  if (!(DIGITS[base] as RegExp).test(body)) return undefined;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  let v = BigInt(prefix + body);
  if (negative) v = -v;
  if (v < INT64_MIN || v > INT64_MAX) return undefined;
  return Number(v);
}

/** strconv.ParseUint(s, 16, 32): hex digits only (no prefix, no sign), at most 0xffffffff. */
export function parseGoHexUint32(s: string): number | undefined {
  if (!DIGITS[16]?.test(s)) return undefined;
  const v = parseInt(s, 16);
  return v <= 0xffffffff ? v : undefined;
}

const DECIMAL_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INF = /^[+-]?(?:inf|infinity)$/i;
const NAN = /^nan$/i;

/**
 * strconv.ParseFloat(s, 64) for decimal input: no surrounding whitespace, no empty string, no
 * underscores (Go allows them only after a base prefix); "inf"/"infinity" with an optional sign and
 * "nan" in any case; out of range (1e400) is an error, as in Go. Hexadecimal floats ("0x1p-2"), which
 * neither the kernel nor the text format writes, are refused.
 */
export function parseGoFloat(s: string): number | undefined {
  if (DECIMAL_FLOAT.test(s)) {
    const v = Number(s);
    return Number.isFinite(v) ? v : undefined;
  }
  if (INF.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (NAN.test(s)) return Number.NaN;
  return undefined;
}

const INT64_BASE10 = /^[+-]?\d+$/;

/** strconv.ParseInt(s, 10, 64): optional sign and decimal digits only (no prefix, no underscores), within int64. */
export function parseGoInt64Base10(s: string): number | undefined {
  if (!INT64_BASE10.test(s)) return undefined;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? undefined : Number(v);
}

const UINT64_MAX = 2n ** 64n - 1n;
const UINT_BASE10 = /^\d+$/;
const UINT32_MAX = 2n ** 32n - 1n;

/**
 * strconv.ParseUint(s, 10, 64): decimal digits only (no sign, prefix, underscores or spaces), at most
 * 2^64-1; the value as the nearest float64, as node_exporter's float64(uint64) gives it.
 */
export function parseGoUint64Base10(s: string): number | undefined {
  if (!UINT_BASE10.test(s)) return undefined;
  if (s.length < 16) return Number(s);
  return BigInt(s) > UINT64_MAX ? undefined : Number(s);
}

/** strconv.ParseUint(s, 10, 64) as an exact bigint, for values that are formatted back into text (device names). */
export function parseGoUint64Base10Exact(s: string): bigint | undefined {
  if (!UINT_BASE10.test(s)) return undefined;
  const v = BigInt(s);
  return v > UINT64_MAX ? undefined : v;
}

/** strconv.ParseUint(s, 16, 64): hex digits only (no prefix, no sign), at most 2^64-1; as a float64. */
export function parseGoHexUint64(s: string): number | undefined {
  if (!DIGITS[16]?.test(s)) return undefined;
  const v = BigInt(`0x${s}`);
  return v > UINT64_MAX ? undefined : Number(v);
}

/** strconv.ParseUint(s, 10, 32): decimal digits only, at most 2^32-1. */
export function parseGoUint32Base10(s: string): number | undefined {
  if (!UINT_BASE10.test(s)) return undefined;
  const v = BigInt(s);
  return v > UINT32_MAX ? undefined : Number(v);
}
