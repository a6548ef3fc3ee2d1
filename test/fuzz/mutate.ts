// fast-check arbitraries that damage kernel files the way broken drivers, truncated reads, other kernel
// versions and hostile device names do. Files are handled as latin1 strings so every byte survives.
import fc from 'fast-check';

/** Numbers a parser should not turn into a sample unchecked. */
export const HOSTILE_NUMBERS = ['18446744073709551616', '18446744073709551615', '9223372036854775808', '-9223372036854775808', '1e309', '-1e309', '99999999999999999999999999999', 'NaN', 'nan', '+Inf', '-Inf', 'Infinity', '-1', '-0', '0x1f', '1_000', '1.5', '.5', '5.', '1e-400', '', '٣', '１'];

/** Device/interface/label names with everything a label value must escape, and more. */
export const HOSTILE_NAMES = ['a"b', 'a\\b', 'a\nb', 'a\\nb', '"', '\\', '\\"', 'ü名🙂', 'a b', '{x="y"}', 'x}', '# TYPE x gauge', 'eth0\r', '\t', 'x'.repeat(300), '', '\u0000', '\u2028'];

export type Mutation =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'number'; readonly index: number; readonly value: string }
  | { readonly kind: 'token'; readonly index: number; readonly value: string }
  | { readonly kind: 'bytes'; readonly at: number; readonly bytes: readonly number[] }
  | { readonly kind: 'dropLine'; readonly index: number }
  | { readonly kind: 'dupLine'; readonly index: number }
  | { readonly kind: 'splitLine'; readonly index: number }
  | { readonly kind: 'replace'; readonly text: string };

const utf8AsLatin1 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('number' as const), index: fc.nat(), value: fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.bigInt().map(String), fc.double().map(String)) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('token' as const), index: fc.nat(), value: fc.oneof(fc.constantFrom(...HOSTILE_NAMES), fc.string({ unit: 'binary', maxLength: 12 })) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.array(fc.oneof(fc.constantFrom(0xff, 0xfe, 0xc3, 0x80, 0x00, 0x0a, 0x09, 0x20, 0x3a), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dropLine' as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dupLine' as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('splitLine' as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replace' as const), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom('0', '1', ' ', ':', '\n', '-', 'a', '\t', '.'), maxLength: 200 })) }) },
);

/** Applies one mutation to a file's content (latin1 string in, latin1 string out). */
export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const pick = <T>(arr: readonly T[], i: number): number => (arr.length === 0 ? 0 : i % arr.length);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, text.length === 0 ? 0 : m.at % (text.length + 1));
    case 'number':
    case 'token': {
      const re = m.kind === 'number' ? /-?\d+(?:\.\d+)?/g : /[A-Za-z_][A-Za-z0-9_.:-]*/g;
      const hits = [...text.matchAll(re)];
      if (hits.length === 0) return text;
      const h = hits[pick(hits, m.index)]!;
      return text.slice(0, h.index) + utf8AsLatin1(m.value) + text.slice(h.index + h[0].length);
    }
    case 'bytes': {
      const at = text.length === 0 ? 0 : m.at % (text.length + 1);
      return text.slice(0, at) + String.fromCharCode(...m.bytes) + text.slice(at);
    }
    case 'dropLine':
      return lines.filter((_, i) => i !== pick(lines, m.index)).join('\n');
    case 'dupLine': {
      const i = pick(lines, m.index);
      return [...lines.slice(0, i + 1), lines[i] ?? '', ...lines.slice(i + 1)].join('\n');
    }
    case 'splitLine': {
      const i = pick(lines, m.index);
      const l = lines[i] ?? '';
      const half = Math.floor(l.length / 2);
      return [...lines.slice(0, i), l.slice(0, half), l.slice(half), ...lines.slice(i + 1)].join('\n');
    }
    case 'replace':
      return utf8AsLatin1(m.text);
  }
}

export function applyMutations(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(applyMutation, text);
}

export interface FileDamage {
  /** Index into the target's file list (modulo its length). */
  readonly file: number;
  readonly mutations: readonly Mutation[];
}

export interface Rename {
  /** Index into the target's renameable entries (modulo). */
  readonly entry: number;
  readonly name: string;
}

export interface FuzzCase {
  readonly damage: readonly FileDamage[];
  readonly rename: Rename | undefined;
}

const safeName = fc.oneof(fc.constantFrom(...HOSTILE_NAMES.filter((n) => n !== '' && !n.includes('\u0000'))), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 })).filter((n) => !n.includes('/') && !n.includes('\u0000') && n !== '.' && n !== '..' && Buffer.byteLength(n) < 250);

export function caseArb(canRename: boolean): fc.Arbitrary<FuzzCase> {
  return fc.record({
    damage: fc.array(fc.record({ file: fc.nat(), mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 3 }),
    rename: canRename ? fc.option(fc.record({ entry: fc.nat(), name: safeName }), { nil: undefined, freq: 3 }) : fc.constant(undefined),
  });
}
