import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGoDuration } from '../../src/goduration.ts';
import { BadPatternError, globMatch, goGlob, hasGlobMeta } from '../../src/goglob.ts';

describe('globMatch (Go filepath.Match)', () => {
  it.each([
    ['*.prom', 'a.prom', true],
    ['*.prom', '.hidden.prom', true],
    ['*.prom', 'a.prom.tmp', false],
    ['?.prom', 'ab.prom', false],
    ['[a-c]?', 'bz', true],
    ['[^a-c]?', 'bz', false],
    ['[^a-c]?', 'dz', true],
    ['\\*x', '*x', true],
    ['\\*x', 'ax', false],
    ['a[\\]]b', 'a]b', true],
    ['*_extra_dimension', 'summary_extra_dimension', true],
    ['a.b', 'axb', false],
    ['(x)+', '(x)+', true],
    ['ü?', 'üß', true],
  ])('%s ~ %s = %s', (p, n, m) => {
    expect(globMatch(p, n)).toBe(m);
  });
  it.each(['[', '[]', '[a-]', '[z-a]', 'a\\', '[]a]', '[a'])('rejects the bad pattern %j', (p) => {
    expect(() => globMatch(p, 'x')).toThrow(BadPatternError);
  });
  it('knows Go\'s meta characters', () => {
    expect([hasGlobMeta('/var/lib/textfile'), hasGlobMeta('/a/*'), hasGlobMeta('/a/b?'), hasGlobMeta('/a/[x]'), hasGlobMeta('/a\\b')]).toEqual([false, true, true, true, true]);
  });
});

describe('goGlob (Go filepath.Glob)', () => {
  const root = mkdtempSync(join(tmpdir(), 'lte-glob-'));
  for (const d of ['b_dir', 'a_dir', 'c_file.d', 'z/y_dir']) mkdirSync(join(root, d), { recursive: true });
  writeFileSync(join(root, 'a_file'), '');
  writeFileSync(join(root, 'z/y_dir/m.prom'), '');

  it('returns a pattern without meta characters if it exists, as given', async () => {
    expect(await goGlob(root + '/a_dir/')).toEqual([root + '/a_dir/']);
    expect(await goGlob(root + '/missing')).toEqual([]);
    expect(await goGlob('')).toEqual([]);
  });
  it('matches per level, sorted, files and directories alike', async () => {
    expect(await goGlob(root + '/*_dir')).toEqual([root + '/a_dir', root + '/b_dir']);
    expect(await goGlob(root + '/?_*')).toEqual([root + '/a_dir', root + '/a_file', root + '/b_dir', root + '/c_file.d']);
    expect(await goGlob(root + '/*/y_*/*.prom')).toEqual([root + '/z/y_dir/m.prom']);
    expect(await goGlob(root + '/nothing*')).toEqual([]);
  });
  it('throws on a malformed pattern', async () => {
    await expect(goGlob(root + '/[')).rejects.toThrow(BadPatternError);
  });
});

describe('parseGoDuration', () => {
  it.each([
    ['5s', 5],
    ['500ms', 0.5],
    ['1m30s', 90],
    ['1.5h', 5400],
    ['0', 0],
    ['-2s', -2],
    ['100us', 0.0001],
    ['3µs', 0.000003],
  ])('%s', (s, v) => {
    expect(parseGoDuration(s)).toBeCloseTo(v, 12);
  });
  it.each(['', '5', 's', '5 s', '5sec', '1d', '--1s'])('rejects %j', (s) => {
    expect(() => parseGoDuration(s)).toThrow(/invalid duration/);
  });
});
