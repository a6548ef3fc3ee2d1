// node_uname_info: the fields of uname(2), as node_exporter's uname collector.
import * as os from 'node:os';
import type { CollectorDefinition, CollectorContext } from '../collector.ts';

export interface Utsname {
  readonly sysname: string;
  readonly release: string;
  readonly version: string;
  readonly machine: string;
  readonly nodename: string;
  readonly domainname: string;
}

/** uname -m for Node's process.arch, used only where os.machine() is missing. */
const ARCH_MACHINE: Readonly<Record<string, string>> = {
  x64: 'x86_64',
  ia32: 'i686',
  arm64: 'aarch64',
  arm: 'armv7l',
  mips: 'mips',
  mipsel: 'mips',
  ppc64: 'ppc64le',
  riscv64: 'riscv64',
  s390x: 's390x',
  loong64: 'loongarch64',
};

type OsFn = () => string;
function call(fn: unknown): string | undefined {
  if (typeof fn !== 'function') return undefined;
  try {
    const v = (fn as OsFn)();
    return typeof v === 'string' && v !== '' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * uname(2) through Node's os module (which calls uname itself). Runtimes whose os module is incomplete or
 * different (Deno's os.version() returns the release) fall back to the kernel's own copies under
 * <procfs>/sys/kernel, which show the same UTS namespace. domainname always comes from there.
 */
export function readUtsname(ctx: Pick<CollectorContext, 'kernel'>): Utsname {
  const kernel = (name: string): string | undefined => ctx.kernel.readTextOptionalSync(ctx.kernel.proc('sys', 'kernel', name))?.trim();
  const release = call(os.release) ?? (kernel('osrelease')) ?? '';
  let version = call(os.version);
  if (version === undefined || version === release) version = (kernel('version')) ?? version ?? '';
  return {
    sysname: call(os.type) ?? (kernel('ostype')) ?? 'Linux',
    release,
    version,
    machine: call((os as { machine?: unknown }).machine) ?? ARCH_MACHINE[process.arch] ?? process.arch,
    nodename: call(os.hostname) ?? (kernel('hostname')) ?? '',
    // An unset NIS domain reads "(none)", which is also what uname(2) reports for it.
    domainname: (kernel('domainname')) ?? '(none)',
  };
}

export const uname: CollectorDefinition = {
  name: 'uname',
  defaultEnabled: true,
  help: 'Exposes system information as provided by the uname system call.',
  create: () => ({
    async update(ctx) {
      const u = readUtsname(ctx);
      ctx
        .gauge('node_uname_info', 'Labeled system information as provided by the uname system call.', ['domainname', 'machine', 'nodename', 'release', 'sysname', 'version'])
        .set(1, u.domainname, u.machine, u.nodename, u.release, u.sysname, u.version);
    },
  }),
};
