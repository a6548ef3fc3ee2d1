import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';

describe.skipIf(!conformanceAvailable)('conformance: time', () => {
  it('matches the clocksource families of node_exporter', async () => {
    const r = await runConformance(['time'], 'node_time_clocksource_(available|current)_info');
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 2 families, 4\/4 expected samples matched/);
  });
});
