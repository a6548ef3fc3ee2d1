// Throwaway machine trees (proc/, sys/ and rootfs files under one root) for collector edge cases.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { addNodes, sysTree } from './sysTree.ts';
import type { Node } from './sysTree.ts';

/** Writes the nodes (paths relative to the root: "proc/net/snmp", "sys/class/net/eth0/mtu", "etc/os-release") and returns the root. */
export function machineTree(nodes: Readonly<Record<string, Node>>): string {
  const root = join(sysTree({}), '..');
  mkdirSync(join(root, 'proc'), { recursive: true });
  addNodes(root, nodes);
  return root;
}

/** Flags for a scrape of only the given collectors on a machine tree. */
export function machineTreeFlags(root: string, collectors: readonly string[], extra: readonly string[] = []): string[] {
  return [`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, `--path.rootfs=${root}`, '--collector.disable-defaults', ...collectors.map((c) => `--collector.${c}`), ...extra];
}
