// The single-file executables `make dist` builds: what the files are, and that they serve exactly
// what the bundle serves on the same fixtures (arm64 under qemu-user).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasCommand } from '../helpers/tools.ts';
import {
  BINARY,
  BUNDLE,
  EM_AARCH64,
  EM_X86_64,
  FIXTURE_FLAGS,
  FIXTURE_MACHINES,
  QEMU,
  VOLATILE,
  expositionDiff,
  killAll,
  parseExposition,
  pinnedNodeVersion,
  projectVersion,
  readElf,
  requireBuilt,
  scrape,
  skipWithoutFixtures,
  startExporter,
} from './harness.ts';

const HAS_QEMU = hasCommand(QEMU[0]);

beforeAll(() => requireBuilt(BUNDLE, BINARY.x64, BINARY.arm64, `${BINARY.x64}.xz`, `${BINARY.arm64}.xz`));
afterEach(() => killAll());

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('dist files', () => {
  it.each([
    ['x64', BINARY.x64, EM_X86_64, '/lib64/ld-linux-x86-64.so.2'],
    ['arm64', BINARY.arm64, EM_AARCH64, '/lib/ld-linux-aarch64.so.1'],
  ] as const)('%s: a 64-bit little-endian ELF executable for the right machine, linked against glibc', (_arch, path, machine, interp) => {
    const elf = readElf(path);
    expect(elf).toMatchObject({ class: 64, littleEndian: true, machine, interpreter: interp });
    expect([2, 3]).toContain(elf.type);
  });

  it.each([['x64', BINARY.x64], ['arm64', BINARY.arm64]] as const)('%s: carries a Node SEA blob with the bundle in it', (_arch, path) => {
    const bin = readFileSync(path);
    // postject flips the fuse from :0 to :1 when it injects the blob; the stock Node binary has :0.
    expect(bin.includes('NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1')).toBe(true);
    // The blob holds the bundle's source text verbatim, and the baked V8 flags.
    const bundle = readFileSync(BUNDLE, 'utf8');
    const tail = bundle.slice(-200);
    expect(bin.includes(tail)).toBe(true);
    expect(bin.includes('--max-old-space-size=32')).toBe(true);
    expect(bin.includes('--max-semi-space-size=1')).toBe(true);
  });

  it('SHA256SUMS lists every file with its hash, and each .xz unpacks to its executable', () => {
    const sums = readFileSync(join(dirname(BINARY.x64), 'SHA256SUMS'), 'utf8').trim().split('\n');
    const listed = new Map(sums.map((l) => {
      const [hash, name] = l.split(/\s+\*?/);
      return [name!, hash!];
    }));
    expect([...listed.keys()].sort()).toEqual(
      ['linux-tiny-exporter-linux-arm64', 'linux-tiny-exporter-linux-arm64.xz', 'linux-tiny-exporter-linux-x64', 'linux-tiny-exporter-linux-x64.xz'],
    );
    for (const [name, hash] of listed) expect(sha256File(join(dirname(BINARY.x64), name)), name).toBe(hash);
    for (const path of [BINARY.x64, BINARY.arm64]) {
      const unpacked = execFileSync('xz', ['-dc', `${path}.xz`], { maxBuffer: 512 * 1024 * 1024 });
      expect(createHash('sha256').update(unpacked).digest('hex')).toBe(listed.get(path.slice(path.lastIndexOf('/') + 1)));
    }
  }, 60_000);
});

describe('the x86_64 executable', () => {
  it('--version names the project version, the Node inside and the arch', () => {
    const out = execFileSync(BINARY.x64, ['--version'], { encoding: 'utf8' });
    expect(out).toBe(`linux-tiny-exporter ${projectVersion()} (node v${pinnedNodeVersion()}, linux/x64)\n`);
  });

  it.for(FIXTURE_MACHINES)('serves what the bundle serves on the %s fixtures', async (machine, ctx) => {
    skipWithoutFixtures(machine, ctx);
    const flags = FIXTURE_FLAGS[machine];
    const ref = await startExporter(process.execPath, [BUNDLE], flags);
    const bin = await startExporter(BINARY.x64, [], flags);
    const a1 = await scrape(ref.address);
    const b = await scrape(bin.address);
    const a2 = await scrape(ref.address);
    expect(expositionDiff(a1, b, a2)).toEqual([]);
    // Not vacuous: the fixtures' figures are there, and the runtime's own families too.
    const parsed = parseExposition(b);
    expect(parsed.samples.get('node_load1')).toBe(machine === 'router' ? '0.52' : '0.21');
    expect(parsed.families.get('process_resident_memory_bytes')).toBe('gauge');
    expect(b).toMatch(new RegExp(`linux_tiny_exporter_build_info\\{version="${projectVersion()}",runtime="node v${pinnedNodeVersion()}",goarch="amd64"\\} 1`));
    expect(await bin.stop()).toBe(0);
  });

  it('gzips on request, and ignores NODE_OPTIONS meant for another Node program', async () => {
    const env = { ...process.env, NODE_OPTIONS: '--require /nonexistent/preload.js' };
    const bin = await startExporter(BINARY.x64, [], FIXTURE_FLAGS.router, { env });
    const res = await fetch(`http://${bin.address}/metrics`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await res.text()).toContain('node_load1 0.52'); // fetch unpacks it
    expect(await bin.stop()).toBe(0);
  });
});

if (!HAS_QEMU) console.warn('SKIPPING the arm64 executable tests: qemu-aarch64-static is not installed (make deps installs it)');

describe.skipIf(!HAS_QEMU)('the arm64 executable, under qemu-user (skipped when qemu-aarch64-static is not installed)', () => {
  it('--version names the project version, the Node inside and the arch', () => {
    const out = execFileSync(QEMU[0], [...QEMU.slice(1), BINARY.arm64, '--version'], { encoding: 'utf8', timeout: 60_000 });
    expect(out).toBe(`linux-tiny-exporter ${projectVersion()} (node v${pinnedNodeVersion()}, linux/arm64)\n`);
  }, 60_000);

  it('serves what the bundle serves on the router fixtures', async () => {
    const flags = FIXTURE_FLAGS.router;
    const ref = await startExporter(process.execPath, [BUNDLE], flags);
    const bin = await startExporter(QEMU[0], [...QEMU.slice(1), BINARY.arm64], flags);
    const a1 = await scrape(ref.address);
    const b = await scrape(bin.address);
    const a2 = await scrape(ref.address);
    // node_uname_info reports the live uname(2), whose machine is what qemu emulates: compared apart.
    const volatile = new RegExp(VOLATILE.source.replace('^(', '^(node_uname_info|'));
    expect(expositionDiff(a1, b, a2, volatile)).toEqual([]);
    expect(b).toContain('node_load1 0.52');
    expect(b).toMatch(/linux_tiny_exporter_build_info\{[^}]*goarch="arm64"\} 1/);
    if (a1.includes('node_uname_info{')) expect(b).toMatch(/node_uname_info\{[^}]*machine="aarch64"/);
    expect(await bin.stop()).toBe(0);
  }, 90_000);
});
