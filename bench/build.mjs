// Bundles bench/bench.ts (node: built-ins only) into bench/.bench.mjs, which `make bench` runs, and
// bench/remoteWrite.ts (which also measures src/remoteWrite in-process) into bench/.bench-remote-write.mjs,
// which `make bench-remote-write` runs, and test/conformance/report.ts into bench/.conformance.mjs (make conformance).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const BENCH_BUNDLE = fileURLToPath(new URL('./.bench.mjs', import.meta.url));
export const REMOTE_WRITE_BENCH_BUNDLE = fileURLToPath(new URL('./.bench-remote-write.mjs', import.meta.url));
export const CONFORMANCE_REPORT_BUNDLE = fileURLToPath(new URL('./.conformance.mjs', import.meta.url));

// prom-client and the other CommonJS dependencies require() Node's built-ins.
const REQUIRE_BANNER = { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" };

/** One ESM bundle for Node 20 of entry (relative to bench/) at outfile; with CommonJS dependencies, the require banner. */
async function bundle(entry, outfile, commonJsDeps) {
  await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    ...(commonJsDeps ? { banner: REQUIRE_BANNER } : {}),
    logLevel: 'warning',
  });
  return outfile;
}

export const buildBench = () => bundle('./bench.ts', BENCH_BUNDLE, false);
export const buildRemoteWriteBench = () => bundle('./remoteWrite.ts', REMOTE_WRITE_BENCH_BUNDLE, true);
/** test/conformance/report.ts, which `make conformance` runs (it is not a benchmark, but built alike). */
export const buildConformanceReport = () => bundle('../test/conformance/report.ts', CONFORMANCE_REPORT_BUNDLE, true);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'remote-write') await buildRemoteWriteBench();
  else if (process.argv[2] === 'conformance') await buildConformanceReport();
  else await buildBench();
}
