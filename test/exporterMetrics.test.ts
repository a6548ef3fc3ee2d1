// The exporter's own metrics (prom-client's registry) spell NaN and infinities as the text format does.
import { describe, expect, it } from 'vitest';
import { exporterMetricsText } from '../src/exporterMetrics.ts';
import { Gauge, Registry } from '../src/promClient.ts';
import { validateExposition } from './helpers/exposition.ts';

describe('exporterMetricsText', () => {
  it('writes NaN, +Inf and -Inf, and leaves HELP text and label values alone', async () => {
    const reg = new Registry();
    const g = new Gauge({ name: 'g', help: 'Value is Nan', labelNames: ['v'], registers: [reg] });
    g.set({ v: 'x Nan' }, Number.NaN);
    g.set({ v: 'pos' }, Number.POSITIVE_INFINITY);
    g.set({ v: 'neg' }, Number.NEGATIVE_INFINITY);
    g.set({ v: 'num' }, 1.5e-7);
    const text = await exporterMetricsText(reg);
    expect(text).toBe('# HELP g Value is Nan\n# TYPE g gauge\ng{v="x Nan"} NaN\ng{v="pos"} +Inf\ng{v="neg"} -Inf\ng{v="num"} 1.5e-7\n');
    expect(validateExposition(text, { allowNaN: true })).toEqual([]);
  });
});
