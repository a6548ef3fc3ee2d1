import { describe, expect, it } from 'vitest';
import { pageSize, pageSizeFromAuxv } from '../../src/pageSize.ts';

/** An auxv image of (type, value) pairs in the given word size and byte order. */
function auxv(pairs: ReadonlyArray<readonly [number, number]>, word: 4 | 8, le: boolean): Uint8Array {
  const buf = new DataView(new ArrayBuffer(pairs.length * 2 * word));
  pairs.forEach(([t, v], i) => {
    if (word === 8) {
      buf.setBigUint64(i * 16, BigInt(t), le);
      buf.setBigUint64(i * 16 + 8, BigInt(v), le);
    } else {
      buf.setUint32(i * 8, t, le);
      buf.setUint32(i * 8 + 4, v, le);
    }
  });
  return new Uint8Array(buf.buffer);
}

describe('pageSizeFromAuxv', () => {
  it.each([
    [8, true],
    [8, false],
    [4, true],
    [4, false],
  ] as const)('finds AT_PAGESZ in %d-byte words (little-endian: %s)', (word, le) => {
    expect(pageSizeFromAuxv(auxv([[33, 0x7fff0000], [16, 0xbfebfbff], [6, 16384], [17, 100], [0, 0]], word, le), word, le)).toBe(16384);
  });
  it('stops at AT_NULL and refuses a size that is not a power of two', () => {
    expect(pageSizeFromAuxv(auxv([[0, 0], [6, 4096]], 8, true), 8, true)).toBeUndefined();
    expect(pageSizeFromAuxv(auxv([[6, 4095], [0, 0]], 8, true), 8, true)).toBeUndefined();
    expect(pageSizeFromAuxv(new Uint8Array(5), 8, true)).toBeUndefined();
  });
  it('reads this machine\'s page size', () => {
    expect([4096, 16384, 65536]).toContain(pageSize());
  });
});
