import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../src/rootfs/envFile.ts';

const values = (text: string): Record<string, string> => Object.fromEntries(parseEnvFile(text).values);

describe('parseEnvFile (go-envparse rules)', () => {
  it.each([
    ['A=b', { A: 'b' }],
    ['A="b c"', { A: 'b c' }],
    ["A='b c'", { A: 'b c' }],
    ['  A = spaced out  ', { A: 'spaced out' }],
    ['A=', { A: '' }],
    ['export FOO=bar', { FOO: 'bar' }],
    ['export=1', { export: '1' }],
    ['A=b # comment', { A: 'b' }],
    ['A="b # not a comment"', { A: 'b # not a comment' }],
    ['A=one "two" \'three\'', { A: 'one two three' }],
    ['A="x\\"y\\\\z\\/\\n\\t"', { A: 'x"y\\z/\n\t' }],
    ['A="caf\\u00e9 \\ud83d\\udd25"', { A: 'café 🔥' }],
    ["A='no \\n escapes'", { A: 'no \\n escapes' }],
    ['A=a=b', { A: 'a=b' }],
    ['_X.y/z=1', { '_X.y/z': '1' }],
    ['A=ünïcode', { A: 'ünïcode' }],
    ['A=1\nA=2', { A: '2' }],
    ['# comment\n\n   \nA=1\r\n', { A: '1' }],
  ])('%j', (text, want) => {
    expect(values(text)).toEqual(want);
    expect(parseEnvFile(text).errors).toEqual([]);
  });

  it.each([
    ['no =', 'JUST TEXT', /missing =/],
    ['empty key', '=value', /empty key/],
    ['bad first key character', '1A=b', /must start/],
    ['bad key character', 'A-B=c', /key characters/],
    ['unmatched double quote', 'A="open', /unmatched "/],
    ["unmatched single quote", "A='open", /unmatched '/],
    ['bad escape', 'A="\\q"', /invalid escape/],
    ['short \\u', 'A="\\u12"', /incomplete hex/],
    ['lone surrogate', 'A="\\ud83d"', /surrogate/],
    ['control character', 'A=b\tc', /invalid value character/],
  ])('skips a line with %s and reports it', (_name, line, reason) => {
    const r = parseEnvFile(`GOOD=1\n${line}\nALSO=2\n`);
    expect(Object.fromEntries(r.values)).toEqual({ GOOD: '1', ALSO: '2' });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.line).toBe(2);
    expect(r.errors[0]?.reason).toMatch(reason);
  });
});
