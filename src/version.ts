import pkg from '../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
export const PROGRAM = 'linux-tiny-exporter';

interface DenoGlobal {
  readonly version: { readonly deno: string };
}

/** "node v22.1.0" or "deno 2.1.4": the runtime this process is on. */
export function runtimeVersion(): string {
  const deno = (globalThis as { Deno?: DenoGlobal }).Deno;
  if (deno) return `deno ${deno.version.deno}`;
  return `node ${process.version}`;
}

export function versionText(): string {
  return `${PROGRAM} ${VERSION} (${runtimeVersion()}, ${process.platform}/${process.arch})`;
}
