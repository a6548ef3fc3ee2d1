// Go's strings functions whose exact output node_exporter's labels depend on. One copy, used by every
// reader that decodes raw attribute bytes (hwmon labels, power supply model names).

/**
 * Go's strings.ToValidUTF8(s, "\uFFFD") on raw bytes: each run of invalid UTF-8 bytes becomes one
 * replacement character (Buffer#toString would emit one per byte).
 */
export function toValidUtf8(bytes: Uint8Array): string {
  // Sensor values and labels are ASCII: one pass to check, one decode, no copies.
  let ascii = true;
  for (let j = 0; j < bytes.length; j++) {
    if ((bytes[j] as number) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  let out = '';
  let start = 0;
  let i = 0;
  let inBad = false;
  const flushGood = (end: number): void => {
    if (end > start) out += Buffer.from(bytes.subarray(start, end)).toString('utf8');
  };
  while (i < bytes.length) {
    const len = utf8SequenceLength(bytes, i);
    if (len === 0) {
      if (!inBad) {
        flushGood(i);
        out += '\uFFFD';
        inBad = true;
      }
      i++;
      start = i;
    } else {
      inBad = false;
      i += len;
    }
  }
  flushGood(i);
  return out;
}

/** Length of the valid UTF-8 sequence starting at i, or 0 if the byte there does not start one. */
function utf8SequenceLength(b: Uint8Array, i: number): number {
  const c = b[i] ?? 0;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/**
 * The lines bufio.Scanner (ScanLines) yields: split at "\n", one trailing "\r" dropped from each, and
 * no empty last line after a final newline.
 */
export function scanLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** strings.Fields: the text split around runs of (Unicode) white space; [] for blank text. */
export function fields(s: string): string[] {
  const parts = s.split(SPACE);
  if (parts[0] === '') parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
