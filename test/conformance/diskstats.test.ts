import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { CONFORMANCE } from '../helpers/scrape.ts';

describe.skipIf(!conformanceAvailable)('conformance: diskstats', () => {
  it('matches every node_disk_* sample of node_exporter, udev labels included', async () => {
    const r = await runConformance(['diskstats'], 'node_disk_.*', [`--path.udev.data=${join(CONFORMANCE, 'udev', 'data')}`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 215\/215 expected/);
  });
});
