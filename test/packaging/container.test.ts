// The container images (make container): loaded from their OCI archives into project-owned podman
// storage (packaging/container/env.sh: vfs, runc, cgroupfs, ulimits), checked (scratch: the executable,
// its libraries and /etc/passwd, nothing else; unprivileged user; port 9101), then run as
// node_exporter's documentation runs node_exporter, with the host's /proc and /sys mounted read-only,
// published on 127.0.0.1 and scraped. arm64 runs through qemu-user binfmt.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/processes.ts';
import { ROOT } from '../helpers/scrape.ts';
import { hasCommand } from '../helpers/tools.ts';
import { packagePath, version } from './archive.ts';
import { enableArm64Binfmt, run } from './debroot.ts';
import type { Result } from './debroot.ts';

const NAME = 'linux-tiny-exporter';
const started: string[] = [];

/** podman with the project's containers.conf and storage.conf. */
function podman(...args: string[]): Promise<Result> {
  return run('bash', ['-c', 'cd "$1" && shift && . packaging/container/env.sh && exec podman "$@"', 'bash', ROOT, ...args], { timeoutMs: 300_000 });
}

async function podmanOk(...args: string[]): Promise<string> {
  const r = await podman(...args);
  if (r.code !== 0) throw new Error(`podman ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

const tagged: string[] = [];

afterAll(async () => {
  for (const id of started) await podman('rm', '-f', id);
  for (const tag of tagged) await podman('untag', tag, tag);
});

function unavailable(arch: 'amd64' | 'arm64'): string | undefined {
  if (!hasCommand('podman')) return 'podman not found (apt-get install podman runc; make deps)';
  if (!hasCommand('runc')) return 'runc not found (apt-get install runc; make deps)';
  if (process.getuid?.() !== 0) return 'not root: the project storage and runc settings are for root';
  if (arch === 'arm64' && process.arch !== 'arm64' && !existsSync('/usr/bin/qemu-aarch64-static')) return 'qemu-aarch64-static not found (apt-get install qemu-user-static; make deps)';
  if (arch === 'arm64' && process.arch !== 'arm64' && !existsSync('/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1')) return 'the arm64 cross libraries are missing (apt-get install libc6-arm64-cross libstdc++6-arm64-cross; make deps)';
  return undefined;
}

interface ImageConfig {
  Architecture: string;
  Config: { User?: string; ExposedPorts?: Record<string, object>; Entrypoint?: string[]; Cmd?: string[] };
}

describe.each(['amd64', 'arm64'] as const)('the %s image', (arch) => {
  const archive = packagePath(`${arch}.oci.tar`);
  const tag = `localhost/${NAME}:${version()}-${arch}-test`;

  it('loads from its OCI archive; FROM scratch: the executable, its libraries, /etc/passwd and /etc/group only', async (ctx) => {
    const why = unavailable(arch);
    if (why) {
      console.warn(`container ${arch}: ${why}: skipped`);
      ctx.skip();
    }
    if (!existsSync(archive)) throw new Error(`${archive} is missing: run make container (make test does)`);
    console.info(`${archive}: ${readFileSync(archive).length} bytes`);
    const loaded = await podmanOk('load', '--quiet', '-i', archive);
    const id = /Loaded image(?:\(s\))?: (\S+)/.exec(loaded)?.[1];
    expect(id, loaded).toBeDefined();
    await podmanOk('tag', id!, tag);
    tagged.push(tag);

    const [config] = JSON.parse(await podmanOk('image', 'inspect', tag)) as ImageConfig[];
    expect(config!.Architecture).toBe(arch);
    expect(config!.Config.User).toBe('65534:65534');
    expect(Object.keys(config!.Config.ExposedPorts ?? {})).toEqual(['9101/tcp']);
    expect(config!.Config.Entrypoint).toEqual([`/usr/bin/${NAME}`, '--no-collector.timex']);

    // Every file in the image's filesystem.
    const ctr = (await podmanOk('create', '--platform', `linux/${arch}`, tag)).trim();
    started.push(ctr);
    const exported = await run('bash', ['-c', 'cd "$1" && . packaging/container/env.sh && podman export "$2" | tar -tvf - ', 'bash', ROOT, ctr]);
    const entries = exported.stdout.trim().split('\n').map((l) => l.split(/\s+/));
    const files = entries.filter((f) => f[0]!.startsWith('-')).map((f) => f[5]!.replace(/^\.?\/?/, '/')).sort();
    const libdir = arch === 'amd64' ? '/lib/x86_64-linux-gnu' : '/lib';
    const loader = arch === 'amd64' ? '/lib64/ld-linux-x86-64.so.2' : '/lib/ld-linux-aarch64.so.1';
    expect(files).toEqual(
      ['/etc/group', '/etc/passwd', `/usr/bin/${NAME}`, loader, ...['libc.so.6', 'libdl.so.2', 'libgcc_s.so.1', 'libm.so.6', 'libpthread.so.0', 'libstdc++.so.6'].map((l) => `${libdir}/${l}`)].sort(),
    );
    // The same executable `make dist` built (compared by size here; the .deb test compares bytes).
    const exe = entries.find((f) => f[5]!.endsWith(`usr/bin/${NAME}`))!;
    expect(Number(exe[2])).toBe(readFileSync(join(ROOT, 'dist', `${NAME}-linux-${arch === 'amd64' ? 'x64' : 'arm64'}`)).length);
    const passwd = await run('bash', ['-c', 'cd "$1" && . packaging/container/env.sh && podman export "$2" | tar -xOf - etc/passwd', 'bash', ROOT, ctr]);
    expect(passwd.stdout).toMatch(/^nobody:x:65534:65534:/m);
  }, 600_000);

  it('runs unprivileged with the host /proc and /sys mounted, published on 127.0.0.1:<port>, and serves them', async (ctx) => {
    const why = unavailable(arch);
    if (why) {
      console.warn(`container ${arch}: ${why}: skipped`);
      ctx.skip();
    }
    if (arch === 'arm64' && process.arch !== 'arm64') await enableArm64Binfmt();
    const port = await freePort();
    const ctr = (
      await podmanOk('run', '-d', '--platform', `linux/${arch}`, '-p', `127.0.0.1:${port}:9101`, '-v', '/proc:/host/proc:ro', '-v', '/sys:/host/sys:ro', tag, '--path.procfs=/host/proc', '--path.sysfs=/host/sys')
    ).trim();
    started.push(ctr);
    let body = '';
    for (let i = 0; i < 300 && body === ''; i++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/metrics`);
        if (res.ok) body = await res.text();
      } catch {
        const state = (await podmanOk('inspect', '-f', '{{.State.Status}}', ctr)).trim();
        if (state !== 'running') throw new Error(`container ${state}: ${(await podman('logs', ctr)).stderr}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(body).toMatch(/^node_cpu_seconds_total\{cpu="0",mode="idle"\} \d/m);
    expect(body).toMatch(/^node_scrape_collector_success\{collector="meminfo"\} 1$/m);
    expect(body).toMatch(new RegExp(`^node_uname_info\\{.*machine="${arch === 'amd64' ? 'x86_64' : 'aarch64'}".*\\} 1$`, 'm'));
    expect(body).not.toMatch(/collector="timex"/);
    // The host's memory, read through /host/proc.
    const memTotal = Number(/^MemTotal:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) * 1024;
    expect(body).toContain(`node_memory_MemTotal_bytes ${memTotal}`);
    // Unprivileged inside: the exporter's process runs as 65534.
    const top = await podmanOk('top', ctr, 'user', 'args');
    // (arm64: the kernel's binfmt handler, qemu, shows first in the command line.)
    expect(top).toMatch(/^(nobody|65534)\s+(\S*qemu\S*\s+)?\/usr\/bin\/linux-tiny-exporter/m);
    const stopped = await podman('stop', '-t', '10', ctr);
    expect(stopped.code).toBe(0);
    expect((await podmanOk('inspect', '-f', '{{.State.ExitCode}}', ctr)).trim()).toBe('0');
  }, 600_000);
});
