// Bundles bench/bench.ts (node: built-ins only) into bench/.bench.mjs, which `make bench` runs, and
// bench/remoteWrite.ts (which also measures src/remoteWrite in-process) into bench/.bench-remote-write.mjs,
// which `make bench-remote-write` runs, and test/conformance/report.ts into bench/.conformance.mjs (make conformance).
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

export const CONFORMANCE_REPORT_BUNDLE = fileURLToPath(new URL('./.conformance.mjs', import.meta.url));

/** test/conformance/report.ts, which `make conformance` runs (it is not a benchmark, but built alike). */
export async function buildConformanceReport() {
  await build({
    entryPoints: [fileURLToPath(new URL('../test/conformance/report.ts', import.meta.url))],
    outfile: CONFORMANCE_REPORT_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return CONFORMANCE_REPORT_BUNDLE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'remote-write') await buildRemoteWriteBench();
  else if (process.argv[2] === 'conformance') await buildConformanceReport();
  else await buildBench();
}
