// Bundles src/main.ts into one CommonJS file: dist/linux-tiny-exporter.cjs (platform node, target node20).
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';

const outfile = process.argv[2] ?? 'dist/linux-tiny-exporter.cjs';
mkdirSync('dist', { recursive: true });
await build({
  entryPoints: ['src/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  sourcemap: false,
  legalComments: 'eof',
  // prom-client's exemplar support, never enabled here (see the stub).
  alias: { '@opentelemetry/api': './build/otel-api-stub.cjs' },
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
