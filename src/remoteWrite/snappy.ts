// Snappy block format (what Remote-Write 1.0 requires) with bounded working memory. snappyjs' compress()
// allocates a fresh output buffer of the worst-case size (about 1.17 times the input) on every call and
// returns a slice of it; here the request is encoded and compressed in two scratch buffers kept between
// pushes, and only the compressed bytes are copied out, into a buffer of their own size.
import { SnappyCompressor } from 'snappyjs/snappy_compressor.js';

/** Scratch buffers larger than this are not kept after use (a one-off huge request). */
const KEEP_SCRATCH_BYTES = 1 << 20;

let rawScratch: Buffer = Buffer.allocUnsafeSlow(0);
let outScratch: Buffer = Buffer.allocUnsafeSlow(0);

function scratch(current: Buffer, size: number): Buffer {
  if (current.length >= size) return current;
  // Grown a quarter beyond the need, so that a slowly growing series count does not reallocate every push.
  return Buffer.allocUnsafeSlow(Math.max(size, Math.min(Math.ceil(size * 1.25), KEEP_SCRATCH_BYTES)));
}

/**
 * A buffer of at least size bytes for an uncompressed request, valid until the next call of rawBuffer
 * or snappy (both synchronous: nothing else can use it in between).
 */
export function rawBuffer(size: number): Buffer {
  const b = scratch(rawScratch, size);
  if (b.length <= KEEP_SCRATCH_BYTES) rawScratch = b;
  return b;
}

/** raw (e.g. the first n bytes of rawBuffer) compressed, in a buffer of exactly its own size. */
export function snappy(raw: Uint8Array): Buffer {
  const compressor = new SnappyCompressor(raw);
  const out = scratch(outScratch, compressor.maxCompressedLength());
  if (out.length <= KEEP_SCRATCH_BYTES) outScratch = out;
  const n = compressor.compressToBuffer(out);
  const body = Buffer.allocUnsafeSlow(n);
  out.copy(body, 0, 0, n);
  return body;
}
