// Shared pieces of the test/dist tests: where `make dist` puts things, starting an exporter process
// on an ephemeral loopback port, scraping it, comparing two expositions, reading ELF headers and RSS.
import { existsSync, openSync, readFileSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_FIXTURES } from '../helpers/requirements.ts';
import { CONFORMANCE, FIXTURES, ROOT } from '../helpers/scrape.ts';

export { killAll, startExporter } from '../helpers/processes.ts';
export type { Running } from '../helpers/processes.ts';

export const BUNDLE = join(ROOT, 'dist', 'linux-tiny-exporter.cjs');
export const BINARY = {
  x64: join(ROOT, 'dist', 'linux-tiny-exporter-linux-x64'),
  arm64: join(ROOT, 'dist', 'linux-tiny-exporter-linux-arm64'),
} as const;
export const DENO = join(ROOT, 'node_modules', '@deno', 'linux-x64-glibc', 'deno');
export const QEMU = ['qemu-aarch64-static', '-L', '/usr/aarch64-linux-gnu'] as const;

/** The Node version inside the executables: the pin in build/dist.sh. */
export function pinnedNodeVersion(): string {
  const m = /^NODE_VERSION=(\d+\.\d+\.\d+)$/m.exec(readFileSync(join(ROOT, 'build', 'dist.sh'), 'utf8'));
  if (!m) throw new Error('NODE_VERSION not found in build/dist.sh');
  return m[1]!;
}

export function projectVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Throws a clear error (rather than skipping) when `make dist` has not run. */
export function requireBuilt(...paths: string[]): void {
  for (const p of paths) if (!existsSync(p)) throw new Error(`${p} is missing: run make dist (make test does)`);
}

const router = join(FIXTURES, 'router');
/**
 * The timex collector runs Perl to make adjtimex(2); a fixed stand-in makes its values the same for every
 * runtime (an arm64 executable under qemu-user would otherwise hand arm64's call number to the host's
 * x86_64 Perl).
 */
export const FAKE_PERL = join(FIXTURES, 'adjtimex', 'fake-perl');
const timexFlag = `--collector.timex.perl=${FAKE_PERL}`;
/** Fixture machines and the flags that point the exporter at them. */
export type FixtureMachine = 'router' | 'node_exporter';
export const FIXTURE_MACHINES: readonly FixtureMachine[] = ['router', 'node_exporter'];
export const FIXTURE_FLAGS: Record<FixtureMachine, string[]> = {
  router: [`--path.procfs=${join(router, 'proc')}`, `--path.sysfs=${join(router, 'sys')}`, `--path.rootfs=${router}`, timexFlag],
  node_exporter: [`--path.procfs=${join(CONFORMANCE, 'proc')}`, `--path.sysfs=${join(CONFORMANCE, 'sys')}`, `--path.rootfs=${CONFORMANCE}`, timexFlag],
};

/** node_exporter's fixtures are ../shared's: without it, that machine's cases are skipped, saying so. */
export function skipWithoutFixtures(machine: FixtureMachine, ctx: { skip: (note?: string) => void }): void {
  if (machine === 'node_exporter' && !SHARED_FIXTURES.present()) {
    console.warn(`skipped on the node_exporter fixtures: ${SHARED_FIXTURES.what} is missing`);
    ctx.skip(`needs ${SHARED_FIXTURES.what}`);
  }
}

export async function scrape(address: string, path = '/metrics'): Promise<string> {
  const res = await fetch(`http://${address}${path}`);
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return res.text();
}

/** Families whose values change from process to process or scrape to scrape by nature. */
export const VOLATILE = /^(node_scrape_collector_duration_seconds|process_|nodejs_|linux_tiny_exporter_build_info)/;

export interface Exposition {
  /** family name -> "TYPE" (from the # TYPE lines). */
  readonly families: Map<string, string>;
  /** series ("name{labels}") -> value text. */
  readonly samples: Map<string, string>;
}

export function parseExposition(text: string): Exposition {
  const families = new Map<string, string>();
  const samples = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      families.set(name!, type!);
    } else if (line !== '' && !line.startsWith('#')) {
      const cut = line.lastIndexOf(' ');
      samples.set(line.slice(0, cut), line.slice(cut + 1));
    }
  }
  return { families, samples };
}

function metricName(series: string): string {
  const brace = series.indexOf('{');
  return brace < 0 ? series : series.slice(0, brace);
}

/**
 * Differences between `other` and the reference `ref1`, as readable lines (empty = equal):
 * the same families with the same types, the same series, and the same values except for VOLATILE
 * families and for series whose value also changed between two scrapes of the reference (`ref2`,
 * taken after `other`): figures read live from the machine rather than from the fixtures.
 */
export function expositionDiff(ref1: string, other: string, ref2: string, volatile: RegExp = VOLATILE): string[] {
  const a = parseExposition(ref1);
  const b = parseExposition(other);
  const a2 = parseExposition(ref2);
  const out: string[] = [];
  for (const [name, type] of a.families) {
    const t = b.families.get(name);
    if (t === undefined) out.push(`family missing: ${name}`);
    else if (t !== type) out.push(`family ${name}: type ${t}, expected ${type}`);
  }
  for (const name of b.families.keys()) if (!a.families.has(name)) out.push(`family not expected: ${name}`);
  for (const [series, value] of a.samples) {
    const name = metricName(series);
    if (volatile.test(name)) continue;
    const v = b.samples.get(series);
    if (v === undefined) out.push(`series missing: ${series}`);
    else if (v !== value && a2.samples.get(series) === value) out.push(`${series}: ${v}, expected ${value}`);
  }
  for (const series of b.samples.keys()) {
    if (!volatile.test(metricName(series)) && !a.samples.has(series)) out.push(`series not expected: ${series}`);
  }
  return out;
}

/** What an ELF header says (enough to tell the machine and the dynamic loader). */
export interface ElfInfo {
  readonly class: 32 | 64;
  readonly littleEndian: boolean;
  /** e_type: 2 executable, 3 shared object / PIE. */
  readonly type: number;
  /** e_machine: 62 x86-64, 183 AArch64. */
  readonly machine: number;
  /** PT_INTERP, e.g. /lib64/ld-linux-x86-64.so.2; undefined for a static executable. */
  readonly interpreter: string | undefined;
}

export const EM_X86_64 = 62;
export const EM_AARCH64 = 183;

function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, offset);
  if (n !== length) throw new Error(`short read at ${offset}`);
  return buf;
}

/** Parses the ELF header and program headers of a 64-bit little-endian file. */
export function readElf(path: string): ElfInfo {
  const fd = openSync(path, 'r');
  try {
    const h = readAt(fd, 0, 64);
    if (h.readUInt32BE(0) !== 0x7f454c46) throw new Error(`${path}: not an ELF file`);
    const cls = h[4] === 2 ? 64 : 32;
    const littleEndian = h[5] === 1;
    if (cls !== 64 || !littleEndian) return { class: cls, littleEndian, type: -1, machine: -1, interpreter: undefined };
    const phoff = Number(h.readBigUInt64LE(32));
    const phentsize = h.readUInt16LE(54);
    const phnum = h.readUInt16LE(56);
    let interpreter: string | undefined;
    for (let i = 0; i < phnum; i++) {
      const ph = readAt(fd, phoff + i * phentsize, phentsize);
      if (ph.readUInt32LE(0) === 3 /* PT_INTERP */) {
        const off = Number(ph.readBigUInt64LE(8));
        const size = Number(ph.readBigUInt64LE(32));
        interpreter = readAt(fd, off, size).toString('latin1').replace(/\0+$/, '');
      }
    }
    return { class: 64, littleEndian, type: h.readUInt16LE(16), machine: h.readUInt16LE(18), interpreter };
  } finally {
    closeSync(fd);
  }
}

/** Resident set figures of a running process, in MiB, from /proc/<pid>/status. */
export function memoryOf(pid: number): { rss: number; hwm: number; anon: number; file: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!m) throw new Error(`${key} not in /proc/${pid}/status`);
    return Number(m[1]) / 1024;
  };
  return { rss: kb('VmRSS'), hwm: kb('VmHWM'), anon: kb('RssAnon'), file: kb('RssFile') + kb('RssShmem') };
}
