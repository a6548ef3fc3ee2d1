// KEY=value files (os-release, /etc/openwrt_release) read the way node_exporter reads os-release, with
// hashicorp/go-envparse's rules: blank lines and "#" lines are skipped, an "export " prefix is dropped,
// keys are [A-Za-z_][A-Za-z0-9_./]*, values may mix unquoted text (ends at a "#" comment, surrounding
// blanks trimmed), 'single quotes' (taken literally) and "double quotes" (JSON escapes \" \\ \/ \b \f
// \n \r \t \uXXXX). Control characters in a value are an error. The last assignment of a key wins.

export interface EnvParseResult {
  readonly values: ReadonlyMap<string, string>;
  /** Lines that could not be parsed (1-based number and reason); they are left out of values. */
  readonly errors: ReadonlyArray<{ readonly line: number; readonly reason: string }>;
}

class LineError extends Error {}

const KEY_START = /^[A-Za-z_]/;
const KEY_REST = /^[A-Za-z0-9_./]*$/;

function hex4(s: string, at: number): number {
  const h = s.slice(at, at + 4);
  if (h.length < 4) throw new LineError('incomplete hex sequence');
  if (!/^[0-9a-fA-F]{4}$/.test(h)) throw new LineError(`invalid hex character in ${JSON.stringify(h)}`);
  return parseInt(h, 16);
}

/** One line: undefined for a blank or comment line, else [key, value]; throws LineError when malformed. */
function parseLine(raw: string): [string, string] | undefined {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) return undefined;
  const eq = line.indexOf('=');
  if (eq === -1) throw new LineError('missing =');
  let key = line.slice(0, eq).trim();
  const value = line.slice(eq + 1).trim();
  if (key.length > 'export '.length && key.startsWith('export ')) key = key.slice('export '.length);
  if (key === '') throw new LineError('empty key');
  if (!KEY_START.test(key)) throw new LineError(`key must start with [A-Za-z_] but found ${JSON.stringify(key[0])}`);
  if (!KEY_REST.test(key.slice(1))) throw new LineError('key characters must be [A-Za-z0-9/_.]');

  let out = '';
  let lastSig = 0;
  let mode: 'normal' | 'double' | 'single' | 'escape' = 'normal';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    const code = c.charCodeAt(0);
    if (code < 32) throw new LineError(`0x${code.toString(16).padStart(2, '0')} is an invalid value character`);
    if (code > 127) {
      if (mode === 'escape') throw new LineError('multibyte characters disallowed in escape sequences');
      out += c;
      lastSig = out.length;
      continue;
    }
    switch (mode) {
      case 'normal':
        if (c === '"') mode = 'double';
        else if (c === "'") mode = 'single';
        else if (c === '#') return [key, out.slice(0, lastSig)];
        else {
          out += c;
          if (c !== ' ') lastSig = out.length;
        }
        break;
      case 'double':
        if (c === '"') mode = 'normal';
        else if (c === '\\') mode = 'escape';
        else {
          out += c;
          lastSig = out.length;
        }
        break;
      case 'single':
        if (c === "'") mode = 'normal';
        else {
          out += c;
          lastSig = out.length;
        }
        break;
      case 'escape': {
        const simple: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', r: '\r', n: '\n', t: '\t' };
        if (c in simple) out += simple[c];
        else if (c === 'u') {
          let cp = hex4(value, i + 1);
          i += 4;
          if (cp >= 0xd800 && cp <= 0xdfff) {
            if (value[i + 1] !== '\\' || value[i + 2] !== 'u') throw new LineError('incomplete Unicode surrogate pair');
            const lo = hex4(value, i + 3);
            i += 6;
            cp = cp <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff ? 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00) : 0xfffd;
          }
          out += String.fromCodePoint(cp);
        } else throw new LineError(`invalid escape sequence: ${JSON.stringify(c)}`);
        lastSig = out.length;
        mode = 'double';
        break;
      }
    }
  }
  if (mode === 'double') throw new LineError('unmatched "');
  if (mode === 'single') throw new LineError("unmatched '");
  if (mode === 'escape') throw new LineError('incomplete escape sequence');
  return [key, out];
}

/** Parses the whole file; a malformed line is reported in errors and skipped. */
export function parseEnvFile(text: string): EnvParseResult {
  const values = new Map<string, string>();
  const errors: Array<{ line: number; reason: string }> = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    try {
      const kv = parseLine(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
      if (kv) values.set(kv[0], kv[1]);
    } catch (err) {
      if (!(err instanceof LineError)) throw err;
      errors.push({ line: i + 1, reason: err.message });
    }
  });
  return { values, errors };
}
