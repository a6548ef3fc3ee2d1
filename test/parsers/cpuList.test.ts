import { describe, expect, it } from 'vitest';
import { parseCpuList } from '../../src/sysfs/cpuList.ts';

describe('parseCpuList', () => {
  it.each([
    ['', []],
    ['\n', []],
    ['0\n', [0]],
    ['0-3\n', [0, 1, 2, 3]],
    ['1,3-5,9\n', [1, 3, 4, 5, 9]],
    ['9,1,1-2\n', [1, 2, 9]],
    ['1,x,3-a,5-4,7\n', [1, 7]],
    ['0-4294967295\n', []],
  ])('parses %j', (text, want) => {
    expect(parseCpuList(text)).toEqual(want);
  });
});
