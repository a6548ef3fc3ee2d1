// Go's path/filepath Match and Glob (Unix), for flags node_exporter documents as "supports glob matching".
import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export class BadPatternError extends Error {
  constructor(pattern: string) {
    super(`syntax error in pattern ${JSON.stringify(pattern)}`);
  }
}

const OUTSIDE = /[\\^$.*+?()[\]{}|/]/g;
const INSIDE = /[\\\]\[^-]/g;

/** Compiles one path component pattern (*, ?, [class], [^class], \ escapes) to an anchored RegExp. */
export function compileGlobComponent(pattern: string): RegExp {
  const cps = Array.from(pattern);
  let i = 0;
  let re = '^';
  const bad = (): never => {
    throw new BadPatternError(pattern);
  };
  const classChar = (): string => {
    const c = cps[i];
    if (c === undefined || c === '-' || c === ']') return bad();
    let ch = c;
    if (c === '\\') {
      i++;
      ch = cps[i] ?? bad();
    }
    i++;
    if (i >= cps.length) bad();
    return ch;
  };
  while (i < cps.length) {
    const c = cps[i] as string;
    if (c === '*') {
      re += '[^/]*';
      i++;
    } else if (c === '?') {
      re += '[^/]';
      i++;
    } else if (c === '\\') {
      const n = cps[i + 1] ?? bad();
      re += n.replace(OUTSIDE, '\\$&');
      i += 2;
    } else if (c === '[') {
      i++;
      let negate = false;
      if (cps[i] === '^') {
        negate = true;
        i++;
      }
      let cls = '';
      let ranges = 0;
      for (;;) {
        if (i >= cps.length) bad();
        if (cps[i] === ']' && ranges > 0) {
          i++;
          break;
        }
        const lo = classChar();
        let hi = lo;
        if (cps[i] === '-') {
          i++;
          hi = classChar();
          if ((hi.codePointAt(0) as number) < (lo.codePointAt(0) as number)) bad();
        }
        cls += lo.replace(INSIDE, '\\$&') + (hi !== lo ? '-' + hi.replace(INSIDE, '\\$&') : '');
        ranges++;
      }
      re += negate ? `[^/${cls}]` : `[${cls}]`;
    } else {
      re += c.replace(OUTSIDE, '\\$&');
      i++;
    }
  }
  return new RegExp(re + '$', 'u');
}

/** filepath.Match for a name without separators; throws BadPatternError like Go's ErrBadPattern. */
export function globMatch(pattern: string, name: string): boolean {
  return compileGlobComponent(pattern).test(name);
}

export function hasGlobMeta(path: string): boolean {
  return /[*?[\\]/.test(path);
}

function cleanGlobDir(dir: string): string {
  if (dir === '') return '.';
  if (dir === '/') return dir;
  return dir.slice(0, -1);
}

async function globIn(dir: string, pattern: string, out: string[]): Promise<void> {
  const re = compileGlobComponent(pattern);
  try {
    if (!(await stat(dir)).isDirectory()) return;
  } catch {
    return;
  }
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const n of names) if (re.test(n)) out.push(join(dir, n));
}

/**
 * filepath.Glob: the paths matching pattern, sorted per directory level; a pattern without meta characters
 * gives itself if it exists. I/O errors are ignored; a malformed pattern throws BadPatternError.
 */
export async function goGlob(pattern: string): Promise<string[]> {
  // Validate every component, as Go's Match(pattern, "") does.
  for (const part of pattern.split('/')) compileGlobComponent(part);
  if (!hasGlobMeta(pattern)) {
    try {
      await lstat(pattern);
      return [pattern];
    } catch {
      return [];
    }
  }
  const slash = pattern.lastIndexOf('/');
  const dir = cleanGlobDir(pattern.slice(0, slash + 1));
  const file = pattern.slice(slash + 1);
  const out: string[] = [];
  if (!hasGlobMeta(dir)) {
    await globIn(dir, file, out);
    return out;
  }
  if (dir === pattern) throw new BadPatternError(pattern);
  for (const d of await goGlob(dir)) await globIn(d, file, out);
  return out;
}
