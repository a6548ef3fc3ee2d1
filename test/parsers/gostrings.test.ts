import { describe, expect, it } from 'vitest';
import { fields, scanLines } from '../../src/gostrings.ts';

describe('scanLines (bufio.Scanner with ScanLines)', () => {
  it.each([
    ['', []],
    ['\n', ['']],
    ['a', ['a']],
    ['a\n', ['a']],
    ['a\nb', ['a', 'b']],
    ['a\r\nb\r\n', ['a', 'b']],
    ['a\n\nb\n', ['a', '', 'b']],
    ['a\r\r\n', ['a\r']],
  ])('%j -> %j', (text, lines) => {
    expect(scanLines(text)).toEqual(lines);
  });
});

describe('fields (strings.Fields)', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['a', ['a']],
    ['\tage:\t13968', ['age:', '13968']],
    ['  a  b\n', ['a', 'b']],
    ['a\u0085b\u00a0c\u3000d', ['a', 'b', 'c', 'd']],
    // U+FEFF is not a space in Go (it is in JavaScript's \s).
    ['a\ufeffb c', ['a\ufeffb', 'c']],
  ])('%j -> %j', (s, f) => {
    expect(fields(s)).toEqual(f);
  });
});
