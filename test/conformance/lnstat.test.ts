import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: lnstat', () => {
  it('matches node_lnstat_* (arp_cache, ndisc_cache, nf_conntrack) of node_exporter', async () => {
    const r = await runConformance(['lnstat'], 'node_lnstat_.*');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 120\/120 expected/);
  });
});
