// Reading the archives the packaging makes, the way the package managers see them: a tar reader (GNU
// and ustar headers; what opkg's and dpkg's own tar code reads) and the files of dist/packages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT } from '../helpers/scrape.ts';

export const PACKAGES = join(ROOT, 'dist', 'packages');

export function version(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** dist/packages/linux-tiny-exporter_<version>_<suffix> */
export function packagePath(suffix: string): string {
  return join(PACKAGES, `linux-tiny-exporter_${version()}_${suffix}`);
}

export interface TarEntry {
  readonly name: string;
  /** '0' file, '5' directory, '2' symlink, ... */
  readonly type: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtime: number;
  readonly data: Buffer;
}

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul < 0 ? raw.length : nul).toString('utf8');
}

function octal(block: Buffer, start: number, length: number): number {
  const text = field(block, start, length).trim();
  if (!/^[0-7]+$/.test(text)) throw new Error(`bad octal field "${text}" at ${start}`);
  return parseInt(text, 8);
}

/** Every entry of an uncompressed tar, in archive order. Throws on a bad header checksum. */
export function readTar(tar: Buffer): TarEntry[] {
  const out: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const block = tar.subarray(offset, offset + 512);
    if (block.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
    if (sum !== octal(block, 148, 8)) throw new Error(`bad tar header checksum at offset ${offset}`);
    const size = octal(block, 124, 12);
    const type = field(block, 156, 1) || '0';
    const data = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = field(data, 0, data.length);
      continue;
    }
    const prefix = field(block, 257, 6) === 'ustar' ? field(block, 345, 155) : '';
    const name = longName ?? (prefix ? `${prefix}/${field(block, 0, 100)}` : field(block, 0, 100));
    longName = undefined;
    out.push({ name, type, mode: octal(block, 100, 8), uid: octal(block, 108, 8), gid: octal(block, 116, 8), mtime: octal(block, 136, 12), data: Buffer.from(data) });
  }
  return out;
}

export function readTarGz(gz: Buffer): TarEntry[] {
  return readTar(gunzipSync(gz));
}

/** "Field: value" paragraphs (control files); continuation lines are joined with "\n". */
export function parseControl(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (/^\s/.test(line) && last) {
      fields.set(last, `${fields.get(last)}\n${line.trimStart()}`);
      continue;
    }
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
    if (!m) throw new Error(`not a control line: ${line}`);
    last = m[1]!;
    fields.set(last, m[2]!);
  }
  return fields;
}
