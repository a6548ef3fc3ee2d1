import { describe, expect, it } from 'vitest';
import { conformanceAvailable, helpLines, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

describe.skipIf(!conformanceAvailable)('conformance: btrfs', () => {
  it('matches node_btrfs_* of node_exporter (its sysfs fallback: no ioctl on the fixtures)', async () => {
    const r = await runConformance(['btrfs'], 'node_btrfs_.*', [`--path.sysfs=${conformanceSysfsWithLinks()}`]);
    expect(r.ok, r.output).toBe(true);
    // promdiff compares types, not HELP texts: those are compared here
    expect(helpLines('node_btrfs_.*', r.text)).toEqual(helpLines('node_btrfs_.*'));
    expect(r.summary).toMatch(/ 42\/42 expected/);
  });
});
