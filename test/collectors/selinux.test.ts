import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLLECTORS } from '../../src/collectors/index.ts';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper, writeFiles } from './procTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.selinux'];
const modes = (text: string) => text.split('\n').filter((l) => l.startsWith('node_selinux_'));

/** A root with selinuxfs's enforce file (written as the kernel writes it: no newline) and /etc/selinux/config. */
function selinuxRoot(enforce: string | undefined, config: string | undefined, label?: string): string {
  const root = procTree(label === undefined ? {} : { 'thread-self/attr/current': label });
  if (enforce !== undefined) writeFiles(join(root, 'sys'), { 'fs/selinux/enforce': enforce });
  if (config !== undefined) writeFiles(root, { 'etc/selinux/config': config });
  return root;
}

describe('selinux collector', () => {
  it('is on by default, as in node_exporter', () => {
    expect(COLLECTORS.find((c) => c.name === 'selinux')?.defaultEnabled).toBe(true);
  });
  it('matches the golden exposition on the router fixture: no selinuxfs, so enabled 0 and nothing else', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY], log).scrape();
    expectGolden('router/selinux.prom', stable(text));
    expect(modes(text)).toEqual(['node_selinux_enabled 0']);
    expect(success(text, 'selinux')).toBe(1);
    expect(log.lines.filter((l) => !l.startsWith('debug '))).toEqual([]);
  });
  it.each([
    ['enforcing, configured enforcing', '1', 'SELINUX=enforcing\nSELINUXTYPE=targeted\n', ['node_selinux_enabled 1', 'node_selinux_config_mode 1', 'node_selinux_current_mode 1']],
    ['permissive, configured enforcing', '0', '# comment\nSELINUX=enforcing\n', ['node_selinux_enabled 1', 'node_selinux_config_mode 1', 'node_selinux_current_mode 0']],
    ['enforcing without a configuration file', '1', undefined, ['node_selinux_enabled 1', 'node_selinux_config_mode -1', 'node_selinux_current_mode 1']],
    ['an enforce file that is not a number', 'x', 'SELINUX=permissive\n', ['node_selinux_enabled 1', 'node_selinux_config_mode 0', 'node_selinux_current_mode -1']],
  ])('reports %s', async (_name, enforce, config, want) => {
    const text = await treeScraper(selinuxRoot(enforce, config), ['selinux']).scrape();
    expect(modes(text)).toEqual(want);
    expect(success(text, 'selinux')).toBe(1);
  });
  it('counts as disabled when this process runs with the label "kernel"', async () => {
    const text = await treeScraper(selinuxRoot('1', 'SELINUX=enforcing\n', 'kernel\0'), ['selinux']).scrape();
    expect(modes(text)).toEqual(['node_selinux_enabled 0']);
  });
});
