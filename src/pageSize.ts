// The memory page size of the machine the exporter runs on, as Go's os.Getpagesize() gives it to
// node_exporter: the kernel's AT_PAGESZ auxiliary vector entry, read from the real /proc/self/auxv
// (not from --path.procfs: the page size is the running kernel's). 4096 if that cannot be read.
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';

const AT_NULL = 0n;
const AT_PAGESZ = 6n;
const FALLBACK = 4096;

/** 32-bit Node.js targets (4-byte auxv words); every other target is 64-bit. */
const WORD32_ARCHES: ReadonlySet<string> = new Set(['arm', 'ia32', 'mips', 'mipsel', 'ppc', 's390']);

/** AT_PAGESZ from the bytes of an auxv file (pairs of native words), or undefined. */
export function pageSizeFromAuxv(auxv: Uint8Array, wordBytes: 4 | 8, littleEndian: boolean): number | undefined {
  const view = new DataView(auxv.buffer, auxv.byteOffset, auxv.byteLength);
  const word = (off: number): bigint =>
    wordBytes === 8 ? view.getBigUint64(off, littleEndian) : BigInt(view.getUint32(off, littleEndian));
  for (let off = 0; off + 2 * wordBytes <= auxv.byteLength; off += 2 * wordBytes) {
    const type = word(off);
    if (type === AT_NULL) break;
    if (type === AT_PAGESZ) {
      const v = Number(word(off + wordBytes));
      return v > 0 && (v & (v - 1)) === 0 ? v : undefined;
    }
  }
  return undefined;
}

let cached: number | undefined;

/** The page size in bytes (read once per process). */
export function pageSize(): number {
  if (cached !== undefined) return cached;
  let size: number | undefined;
  try {
    size = pageSizeFromAuxv(readFileSync('/proc/self/auxv'), WORD32_ARCHES.has(process.arch) ? 4 : 8, endianness() === 'LE');
  } catch {
    size = undefined;
  }
  cached = size ?? FALLBACK;
  return cached;
}
