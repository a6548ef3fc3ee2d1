// iw prints an SSID byte by byte: printable ASCII as is, other bytes (UTF-8 included), a backslash, and a
// space at either end as \xNN. This turns that back into the SSID's text.

const ESCAPE = /\\x([0-9a-fA-F]{2})/g;

/** Decodes iw's \xNN escapes and reads the bytes as UTF-8 (invalid sequences become U+FFFD). */
export function unescapeIwSsid(text: string): string {
  if (!text.includes('\\x')) return text;
  const encoder = new TextEncoder();
  const bytes: number[] = [];
  let last = 0;
  for (const m of text.matchAll(ESCAPE)) {
    bytes.push(...encoder.encode(text.slice(last, m.index)), parseInt(m[1] as string, 16));
    last = m.index + m[0].length;
  }
  bytes.push(...encoder.encode(text.slice(last)));
  return new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(bytes));
}
