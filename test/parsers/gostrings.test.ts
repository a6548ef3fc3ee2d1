import { describe, expect, it } from 'vitest';
import { fields, scanLines } from '../../src/gostrings.ts';

describe('scanLines (bufio.Scanner lines)', () => {
  it.each([
    ['', []],
    ['a', ['a']],
    ['a\n', ['a']],
    ['a\n\nb', ['a', '', 'b']],
    ['a\r\nb\r\n', ['a', 'b']],
    ['\n', ['']],
  ])('%j', (text, want) => {
    expect(scanLines(text)).toEqual(want);
  });
});

describe('fields (strings.Fields)', () => {
  it.each([
    ['', []],
    ['   ', []],
    [' a  b\tc\n', ['a', 'b', 'c']],
    ['a\u00a0b', ['a', 'b']],
    ['x', ['x']],
    // Go's unicode.IsSpace: NEL separates, a byte-order mark does not
    ['a\u0085b', ['a', 'b']],
    ['a\ufeffb', ['a\ufeffb']],
  ])('%j', (text, want) => {
    expect(fields(text)).toEqual(want);
  });
});
