import { describe, expect, it } from 'vitest';
import { dehumanize, dehumanizeSigned, parseBcacheValue, parsePriorityStats, parsePseudoFloat, parseWritebackRateDebug } from '../../src/sysfs/bcache.ts';

describe('dehumanize (bch_hprint numbers)', () => {
  it.each([
    ['0', 0],
    ['542', 542],
    ['1.1M', 1150976],
    ['20.4G', 21894266880],
    ['427.5k', 437748],
    ['1k', 1024],
    ['3.10k', 3 * 1024 + Math.trunc((10 / 10.24) * 1024)],
    ['1e3', 1000],
    ['2.5', 2], // truncated to an integer, as uint64(float64) does
    ['5x', 0], // an unknown suffix multiplies by 0, as in procfs
  ])('%s -> %d', (s, v) => {
    expect(dehumanize(s)).toBe(v);
  });
  it.each(['', 'k', '.5k', '1.k', 'abc', '-5', 'NaN', 'inf', '1e400', '5é', '5%'])('refuses %j', (s) => {
    expect(() => dehumanize(s)).toThrow(/bcache/);
  });
  it('takes only the first two parts of a dotted number', () => {
    expect(parsePseudoFloat('1.5.9')).toBe(1 + 5 / 10.24);
  });
  it.each([
    ['-427.5k', -437748],
    ['321.5k', 329204], // 321 + 5/10.24, times 1024
    ['-0', 0],
  ])('signed %s -> %d', (s, v) => {
    expect(dehumanizeSigned(s)).toBe(v);
  });
});

describe('parseBcacheValue', () => {
  it('drops the last byte (the newline) and dehumanizes', () => {
    expect(parseBcacheValue('1305\n')).toBe(1305);
    expect(parseBcacheValue('20.4G\n')).toBe(21894266880);
  });
  it('drops the last byte even when it is not a newline, as procfs', () => {
    expect(parseBcacheValue('1305')).toBe(130);
  });
  it.each(['', '\n', 'x\n'])('throws on %j', (s) => {
    expect(() => parseBcacheValue(s)).toThrow(/bcache/);
  });
});

describe('parseWritebackRateDebug', () => {
  const text = 'rate:           1.1M/sec\ndirty:          20.4G\ntarget:         20.4G\nproportional:   427.5k\nintegral:       -790.0k\nchange:         321.5k/sec\nnext io:        17ms\n';
  it('reads every line', () => {
    expect(parseWritebackRateDebug(text)).toEqual({
      rate: 1150976,
      dirty: 21894266880,
      target: 21894266880,
      proportional: 437748,
      integral: -808960,
      change: 329204,
      nextIoMs: 17,
    });
  });
  it('ignores unknown lines', () => {
    expect(parseWritebackRateDebug('state: idle\nrate: 4.0k/sec\n').rate).toBe(4096);
  });
  it.each([
    ['a bad rate', 'rate: fast/sec\n'],
    ['an empty value', 'target:\n'],
    ['a bad next io', 'next io: soon\n'],
  ])('throws on %s', (_, t) => {
    expect(() => parseWritebackRateDebug(t)).toThrow(/bcache/);
  });
});

describe('parsePriorityStats', () => {
  it('reads Unused and Metadata and ignores the rest', () => {
    expect(parsePriorityStats('Unused:\t\t99%\nClean:\t\t0%\nDirty:\t\t1%\nMetadata:\t0%\nAverage:\t10473\nSectors per Q:\t64\nQuantiles:\t[0 0 20946]\n')).toEqual({
      unusedPercent: 99,
      metadataPercent: 0,
    });
  });
  it('reads the first lines of a read cut at 128 bytes', () => {
    expect(parsePriorityStats('Unused:\t\t7%\nMetadata:\t2%\nQuantiles:\t[0 0 0 0')).toEqual({ unusedPercent: 7, metadataPercent: 2 });
  });
  it.each(['Unused:\t\t-1%\n', 'Metadata:\tmany%\n'])('throws on %j', (t) => {
    expect(() => parsePriorityStats(t)).toThrow(/bcache/);
  });
});
