// Types for snappyjs 0.7 (the package ships none): Snappy block format, Buffer in, Buffer out under Node.
declare module 'snappyjs' {
  export function compress(uncompressed: Buffer): Buffer;
  export function uncompress(compressed: Buffer, maxLength?: number): Buffer;
}
