// Streams a text file line by line in fixed-size chunks, so a large /proc table (a busy router's
// /proc/net/tcp) is never held in memory whole.
import { createReadStream } from 'node:fs';

/** Calls onLine for each line of the file (without its newline); rejects on open/read errors. */
export async function forEachLine(path: string, onLine: (line: string) => void, chunkSize = 64 * 1024): Promise<void> {
  const stream = createReadStream(path, { encoding: 'latin1', highWaterMark: chunkSize });
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      onLine(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') onLine(rest);
}
