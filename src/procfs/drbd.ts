// /proc/drbd (DRBD up to 8.4): the "key:value" words of each device's status lines, read as
// node_exporter's drbd collector scans them (bufio.ScanWords). Pure; what each key means is the
// collector's table.
import { parseGoUint64Base10Exact } from '../goparse.ts';

export interface DrbdField {
  /** "drbd1", from the "1:" word before it; "unknown" before any device. */
  readonly device: string;
  readonly key: string;
  readonly value: string;
}

/** Every word of the form key:value (exactly one colon) after its device; a "N:" word switches the device. */
export function parseDrbd(text: string): DrbdField[] {
  const out: DrbdField[] = [];
  let device = 'unknown';
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    const kv = word.split(':');
    if (kv.length !== 2) continue;
    const [key, value] = kv as [string, string];
    if (value === '') {
      const id = parseGoUint64Base10Exact(key);
      if (id !== undefined) {
        device = `drbd${id}`;
        continue;
      }
    }
    out.push({ device, key, value });
  }
  return out;
}
