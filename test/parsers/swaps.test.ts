import { describe, expect, it } from 'vitest';
import { parseSwaps } from '../../src/procfs/swaps.ts';

const HEADER = 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n';

describe('parseSwaps', () => {
  it('reads each swap area after the header', () => {
    expect(parseSwaps(`${HEADER}/dev/zram0                              partition\t253948\t\t1536\t\t100\n/swapfile                               file\t\t1048572\t\t0\t\t-2\n`)).toEqual([
      { filename: '/dev/zram0', type: 'partition', sizeKiB: 253948, usedKiB: 1536, priority: 100 },
      { filename: '/swapfile', type: 'file', sizeKiB: 1048572, usedKiB: 0, priority: -2 },
    ]);
  });
  it('reads a header alone, or nothing, as no swap', () => {
    expect(parseSwaps(HEADER)).toEqual([]);
    expect(parseSwaps('')).toEqual([]);
  });
  it.each([
    ['too few fields', `${HEADER}/dev/sda2 partition 100 0\n`, /too few fields in swap string/],
    ['a size that is not a number', `${HEADER}/dev/sda2 partition big 0 -2\n`, /invalid swap size/],
    ['a used that is a float', `${HEADER}/dev/sda2 partition 100 0.5 -2\n`, /invalid swap used/],
    ['a priority that is not a number', `${HEADER}/dev/sda2 partition 100 0 high\n`, /invalid swap priority/],
  ])('fails on %s', (_name, text, err) => {
    expect(() => parseSwaps(text)).toThrow(err);
  });
});
