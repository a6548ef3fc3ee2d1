// Bundles bench/bench.ts (node: built-ins only) into bench/.bench.mjs, which `make bench` runs, and
// bench/remoteWrite.ts (which also measures src/remoteWrite in-process) into bench/.bench-remote-write.mjs,
// which `make bench-remote-write` runs.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const BENCH_BUNDLE = fileURLToPath(new URL('./.bench.mjs', import.meta.url));
export const REMOTE_WRITE_BENCH_BUNDLE = fileURLToPath(new URL('./.bench-remote-write.mjs', import.meta.url));

export async function buildBench() {
  await build({
    entryPoints: [fileURLToPath(new URL('./bench.ts', import.meta.url))],
    outfile: BENCH_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return BENCH_BUNDLE;
}

export async function buildRemoteWriteBench() {
  await build({
    entryPoints: [fileURLToPath(new URL('./remoteWrite.ts', import.meta.url))],
    outfile: REMOTE_WRITE_BENCH_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // prom-client and the other CommonJS dependencies require() Node's built-ins.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return REMOTE_WRITE_BENCH_BUNDLE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'remote-write') await buildRemoteWriteBench();
  else await buildBench();
}
