// The fuzz tests, split over several files so vitest runs them in parallel (make fuzz: 10 000 cases each).
import { afterAll, describe, expect, it } from 'vitest';
import { FUZZ_RUNS, fuzzTarget, removeSharedMachine } from './harness.ts';
import { TARGETS } from './targets.ts';

export function fuzzSuite(part: number, parts: number): void {
  describe(`fuzzed kernel files never break the exposition (part ${part}/${parts})`, () => {
    afterAll(removeSharedMachine);
    TARGETS.forEach((target, i) => {
      if (i % parts !== part - 1) return;
      it(target.name, async () => {
        const report = await fuzzTarget(target);
        if (process.env.FUZZ_RUNS !== undefined) console.log(`fuzz ${target.name}: ${report.runs} cases, ${report.promtoolChecked} checked by promtool, ${report.failedCollectorScrapes} where the collector failed with an error (success 0; "no data" not counted)`);
        expect(report.runs).toBe(FUZZ_RUNS);
      }, Math.max(60_000, FUZZ_RUNS * 60));
    });
  });
}
