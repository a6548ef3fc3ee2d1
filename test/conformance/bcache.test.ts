import { describe, expect, it } from 'vitest';
import { conformanceAvailable, helpLines, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

describe.skipIf(!conformanceAvailable)('conformance: bcache', () => {
  it('matches node_bcache_* of node_exporter, with --collector.bcache.priorityStats as in its e2e run', async () => {
    const r = await runConformance(['bcache'], 'node_bcache_.*', [`--path.sysfs=${conformanceSysfsWithLinks()}`, '--collector.bcache.priorityStats']);
    expect(r.ok, r.output).toBe(true);
    // promdiff compares types, not HELP texts: those are compared here
    expect(helpLines('node_bcache_.*', r.text)).toEqual(helpLines('node_bcache_.*'));
    expect(r.summary).toMatch(/ 28\/28 expected/);
  });
});
