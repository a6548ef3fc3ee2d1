// Writes an apk v2 package (apk-v2(5), what abuild makes and apk-tools 2 and 3 install):
// two gzip streams that together form one tar archive,
//
//   1. the control segment: .PKGINFO, then the maintainer scripts (.post-install, ...), as a tar
//      without its end-of-archive blocks (abuild-tar --cut), so that the data entries continue it;
//   2. the data segment: the package's files, directories first by name, each regular file and
//      symbolic link preceded by a pax extended header carrying APK-TOOLS.checksum.SHA1 (of the
//      file's content, or of a link's target: abuild-tar --hash), ending with the end-of-archive
//      blocks.
//
// .PKGINFO's datahash is the SHA-256 of the second gzip stream as stored (compressed): apk checks it
// when the control segment ends, and takes the package's identity from the control segment.
// Unsigned (no .SIGN.* segment): installed with `apk add --allow-untrusted`.
//
//   node packaging/apk/apkv2.mjs <out.apk> <pkginfo-head> <data-dir> <mtime> [<script-name>=<file>...]
//
// <pkginfo-head>: the .PKGINFO lines ("key = value") without size and datahash, which are added here
// (size: the byte size of the files, as abuild computes it). Owners are root:root (uid/gid 0).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [out, pkginfoHead, dataDir, mtimeText, ...scriptArgs] = process.argv.slice(2);
if (!out || !pkginfoHead || !dataDir || !mtimeText) {
  process.stderr.write('usage: apkv2.mjs <out.apk> <pkginfo-head> <data-dir> <mtime> [<script>=<file>...]\n');
  process.exit(2);
}
const mtime = Number(mtimeText);

const BLOCK = 512;

/** GNU gzip -n -9, as for the .ipk: 3% smaller than zlib's level 9 on the executable; no name, no time. */
function gzip(data) {
  return execFileSync('gzip', ['-n', '-9', '-c'], { input: data, maxBuffer: 1024 * 1024 * 1024 });
}

function octal(value, width) {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** One ustar header block (POSIX ustar, as abuild-tar reads and writes). */
function header({ name, size = 0, mode, type, linkname = '' }) {
  if (Buffer.byteLength(name) > 100) throw new Error(`name too long for a plain ustar header: ${name}`);
  const b = Buffer.alloc(BLOCK);
  b.write(name, 0, 100, 'utf8');
  b.write(octal(mode, 8), 100, 'ascii');
  b.write(octal(0, 8), 108, 'ascii');
  b.write(octal(0, 8), 116, 'ascii');
  b.write(octal(size, 12), 124, 'ascii');
  b.write(octal(mtime, 12), 136, 'ascii');
  b.fill(' ', 148, 156);
  b.write(type, 156, 'ascii');
  b.write(linkname, 157, 100, 'utf8');
  b.write('ustar\0', 257, 'ascii');
  b.write('00', 263, 'ascii');
  b.write('root', 265, 32, 'ascii');
  b.write('root', 297, 32, 'ascii');
  let sum = 0;
  for (const byte of b) sum += byte;
  b.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return b;
}

function padded(data) {
  const rest = data.length % BLOCK;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK - rest)]);
}

/** A pax record "<len> <key>=<value>\n", its length counting itself. */
function paxRecord(key, value) {
  const body = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(body) + 1;
  while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
  return `${len}${body}`;
}

function fileEntry(name, data, mode) {
  return [header({ name, size: data.length, mode, type: '0' }), padded(data)];
}

function withChecksum(name, hashed, entry) {
  const pax = Buffer.from(paxRecord('APK-TOOLS.checksum.SHA1', createHash('sha1').update(hashed).digest('hex')));
  const paxName = `PaxHeaders/${name}`.slice(0, 100);
  return [header({ name: paxName, size: pax.length, mode: 0o644, type: 'x' }), padded(pax), ...entry];
}

// The data segment: every entry of dataDir, sorted by name, directories with a trailing slash.
const blocks = [];
let size = 0;
function walk(rel) {
  const names = readdirSync(join(dataDir, rel)).sort();
  for (const n of names) {
    const path = rel === '' ? n : `${rel}/${n}`;
    const st = lstatSync(join(dataDir, path));
    const mode = st.mode & 0o7777;
    if (st.isDirectory()) {
      blocks.push(header({ name: `${path}/`, mode, type: '5' }));
      walk(path);
    } else if (st.isSymbolicLink()) {
      const target = readlinkSync(join(dataDir, path));
      blocks.push(...withChecksum(path, Buffer.from(target), [header({ name: path, mode: 0o777, type: '2', linkname: target })]));
    } else if (st.isFile()) {
      const data = readFileSync(join(dataDir, path));
      size += data.length;
      blocks.push(...withChecksum(path, data, fileEntry(path, data, mode)));
    } else {
      throw new Error(`${path}: neither a file, a directory nor a symbolic link`);
    }
  }
}
walk('');
blocks.push(Buffer.alloc(2 * BLOCK));
const dataGz = gzip(Buffer.concat(blocks));
const datahash = createHash('sha256').update(dataGz).digest('hex');

// The control segment: .PKGINFO first, then the scripts; no end-of-archive blocks.
const pkginfo = Buffer.from(`${readFileSync(pkginfoHead, 'utf8').replace(/\n*$/, '\n')}size = ${size}\ndatahash = ${datahash}\n`);
const control = [...fileEntry('.PKGINFO', pkginfo, 0o644)];
for (const arg of scriptArgs) {
  const eq = arg.indexOf('=');
  if (eq <= 0) throw new Error(`not <script>=<file>: ${arg}`);
  control.push(...fileEntry(`.${arg.slice(0, eq)}`, readFileSync(arg.slice(eq + 1)), 0o755));
}
const controlGz = gzip(Buffer.concat(control));

writeFileSync(out, Buffer.concat([controlGz, dataGz]));
process.stdout.write(`${size}\n`);
