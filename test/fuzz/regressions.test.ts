// Replays every case the fuzzer once failed on (test/fixtures/fuzz/<target>/<id>/: the damaged files
// under tree/, case.json naming the target, a renamed entry and the problems seen then).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, machineFor, regressionCases } from './harness.ts';
import { TARGETS } from './targets.ts';

const cases = regressionCases();

describe('fuzz regressions', () => {
  it('there are regression fixtures to replay', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const c of cases) {
    it(`${c.target}: ${c.dir.split('/').slice(-1)[0]}`, async () => {
      const target = TARGETS.find((t) => t.name === c.target);
      expect(target, `unknown target ${c.target}`).toBeDefined();
      const m = machineFor(target!, true);
      try {
        for (const f of c.files) writeFileSync(join(m.root, f), readFileSync(join(c.dir, 'tree', f)));
        if (c.renamed) renameSync(join(m.root, c.renamed.from), join(m.root, c.renamed.to));
        expect((await check(m, true)).problems).toEqual([]);
        // A second scrape on the same damaged files: state kept between scrapes must not break either.
        expect((await check(m, false)).problems).toEqual([]);
      } finally {
        m.remove();
      }
    });
  }
});
