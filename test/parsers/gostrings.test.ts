import { describe, expect, it } from 'vitest';
import { goFields, scanLines } from '../../src/gostrings.ts';

describe('goFields (strings.Fields)', () => {
  it.each([
    ['', []],
    ['   ', []],
    ['a b', ['a', 'b']],
    ['\tname   type\tdata \r', ['name', 'type', 'data']],
    // Go's unicode.IsSpace: NEL and NBSP separate, a BOM does not
    ['a\u0085b\u00a0c', ['a', 'b', 'c']],
    ['a\ufeffb', ['a\ufeffb']],
  ])('%j -> %j', (s, want) => {
    expect(goFields(s)).toEqual(want);
  });
});

describe('scanLines (bufio.ScanLines)', () => {
  it.each([
    ['', []],
    ['\n', ['']],
    ['a', ['a']],
    ['a\nb\n', ['a', 'b']],
    ['a\r\nb\r', ['a', 'b']],
    ['a\n\nb', ['a', '', 'b']],
  ])('%j -> %j', (s, want) => {
    expect(scanLines(s)).toEqual(want);
  });
});
