// Small throwaway sysfs trees for collector edge cases (a sensor that fails, a chip that goes away).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { machineFlags } from '../helpers/scrape.ts';

/** A file's content (a newline is appended, as sysfs does), a Buffer written as is, a symlink, or a directory. */
export type Node = string | Buffer | { readonly link: string } | { readonly dir: true };

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Writes the nodes under a new temporary sys/ directory and returns its path. */
export function sysTree(nodes: Readonly<Record<string, Node>>): string {
  const root = mkdtempSync(join(tmpdir(), 'lte-sys-'));
  roots.push(root);
  const sys = join(root, 'sys');
  mkdirSync(sys);
  addNodes(sys, nodes);
  return sys;
}

export function addNodes(sys: string, nodes: Readonly<Record<string, Node>>): void {
  for (const [path, node] of Object.entries(nodes)) {
    const full = join(sys, path);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof node === 'string') writeFileSync(full, `${node}\n`);
    else if (Buffer.isBuffer(node)) writeFileSync(full, node);
    else if ('link' in node) symlinkSync(node.link, full);
    else mkdirSync(full, { recursive: true });
  }
}

/** Flags for a scrape of only the given collectors on a temporary sys tree (procfs/rootfs empty). */
export function sysTreeFlags(sys: string, collectors: readonly string[], extra: readonly string[] = []): string[] {
  return [...machineFlags('empty'), `--path.sysfs=${sys}`, '--collector.disable-defaults', ...collectors.map((c) => `--collector.${c}`), ...extra];
}
