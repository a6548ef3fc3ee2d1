// Types for snappyjs 0.7's compressor module (the package ships none): the block-format compressor that
// snappyjs' compress() wraps, which writes into a buffer the caller gives it.
declare module 'snappyjs/snappy_compressor.js' {
  export class SnappyCompressor {
    constructor(uncompressed: Uint8Array);
    /** The most bytes compressToBuffer may write: 32 + n + n / 6. */
    maxCompressedLength(): number;
    /** Writes the block into out from offset 0; returns the bytes written. */
    compressToBuffer(out: Uint8Array): number;
  }
}
