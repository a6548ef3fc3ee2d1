// Bundles bench/bench.ts (node: built-ins only) into bench/.bench.mjs, which `make bench` runs.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const BENCH_BUNDLE = fileURLToPath(new URL('./.bench.mjs', import.meta.url));

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

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildBench();
