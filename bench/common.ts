// What both benchmarks (bench.ts, remoteWrite.ts) need: Node flags for the bundle, the path flags of a
// fixture tree, and a free loopback port.
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * Node flags for the bundle (what `make run` passes too): an old-generation cap like the executables'
 * (build/sea.cjs), 2 MiB semi-spaces rather than their 1 MiB (with 1 MiB, scavenges took ~15 % of a
 * scrape's CPU under load, node --cpu-prof), and no lite mode (jitless: several times the CPU per scrape).
 */
export const BUNDLE_NODE_FLAGS = ['--max-semi-space-size=2', '--max-old-space-size=32'];

/** The flags that point an exporter at a fixture tree's proc, sys, root and udev data. */
export function pathFlags(tree: string): string[] {
  return [`--path.procfs=${join(tree, 'proc')}`, `--path.sysfs=${join(tree, 'sys')}`, `--path.rootfs=${tree}`, `--path.udev.data=${join(tree, 'run', 'udev', 'data')}`];
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolvePort(port));
    });
  });
}
