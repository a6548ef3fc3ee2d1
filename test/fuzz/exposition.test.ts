// The exposition validator and the batched promtool check must catch what they are there to catch.
import { describe, expect, it } from 'vitest';
import { validateExposition } from '../helpers/exposition.ts';
import { hasCommand } from '../helpers/tools.ts';
import { promtoolBatch } from './harness.ts';

const good = '# HELP a_total A.\n# TYPE a_total counter\na_total{dev="x\\\\y\\"z\\n"} 1\na_total{dev="w"} 2.5e+10\n\n# HELP bee_level B.\n# TYPE bee_level gauge\nbee_level NaN\nbee_level{x="1",} -Inf\n';

describe('validateExposition', () => {
  it('accepts a valid exposition (escapes, blank lines, trailing comma)', () => {
    expect(validateExposition(good, { allowNaN: true })).toEqual([]);
    // An escaped backslash before a quote in HELP (a bcachefs counter named `\"`, found by the fuzzer).
    expect(validateExposition('# HELP a x \\\\" and \\n\na 1\n')).toEqual([]);
  });

  it.each([
    ['a{dev="x\\y"} 1\n', /invalid escape/],
    ['a{dev="x"y"} 1\n', /want , or }/],
    ['a{dev="x} 1\n', /unterminated/],
    ['a{dev="x",dev="y"} 1\n', /repeated label name/],
    ['a{1dev="x"} 1\n', /bad label name/],
    ['a{__name__="x"} 1\n', /bad label name __name__/],
    ['a 1\na 2\n', /duplicate series a\{\}/],
    ['a{x="1",y="2"} 1\na{y="2",x="1"} 2\n', /duplicate series/],
    ['# TYPE a gauge\n# TYPE a gauge\na 1\n', /second TYPE/],
    ['# HELP a x\n# HELP a y\na 1\n', /second HELP/],
    ['# HELP a x\\"y\na 1\n', /invalid escape in HELP/],
    ['# HELP a x\\\\\\"y\na 1\n', /invalid escape in HELP/],
    ['a 1\n# TYPE a gauge\n', /TYPE for a after its samples/],
    ['# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x="1"} 2\n', /samples of a are not together/],
    ['# TYPE a gauges\na 1\n', /unknown type/],
    ['a 0x10\n', /bad value/],
    ['a 1,5\n', /bad value/],
    ['a NaN\n', /NaN value/],
    ['a-b 1\n', /bad metric name|want " value/],
    ['a 1', /does not end with a newline/],
    ['# TYPE h histogram\nh_bucket 1\n', /bucket without le/],
    ['a  1\n', /want " value/],
  ])('finds the problem in %j', (text, problem) => {
    expect(validateExposition(text).join('\n')).toMatch(problem);
  });
});

describe.skipIf(!hasCommand('promtool'))('promtoolBatch', () => {
  it('checks many expositions in one promtool run and says which one is broken', () => {
    const broken = '# HELP cee_level C.\n# TYPE cee_level gauge\ncee_level{x="a\\qb"} 1\n';
    const lint = '# HELP dee_total D.\n# TYPE dee_total gauge\ndee_total 1\n'; // promtool lint: a gauge named _total
    const found = promtoolBatch([good, good, broken, good, lint, broken, good]);
    expect([...found.keys()].sort()).toEqual([2, 4, 5]);
    expect(found.get(2)?.join()).toMatch(/invalid escape sequence/);
    expect(found.get(4)?.join()).toMatch(/dee_total non-counter/);
    expect(promtoolBatch([good, good]).size).toBe(0);
  });
});
