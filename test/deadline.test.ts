// The scrape deadline: from Prometheus' X-Prometheus-Scrape-Timeout-Seconds less a margin, else from
// --web.scrape-timeout; a collector still running then is success 0 (logged once), the rest is served.
import { describe, expect, it } from 'vitest';
import { parseCli, UsageError } from '../src/cli.ts';
import type { Collector } from '../src/collector.ts';
import { COLLECTORS } from '../src/collectors/index.ts';
import { Scraper } from '../src/scrape.ts';
import { scrapeTimeoutOf } from '../src/server.ts';
import { machineFlags, recordingLogger, samples } from './helpers/scrape.ts';

describe('scrapeTimeoutOf (X-Prometheus-Scrape-Timeout-Seconds)', () => {
  it.each([
    ['10', 9.5],
    ['2', 1.5],
    ['0.6', 0.3],
    ['1', 0.5],
    [' 3.25 ', 2.75],
    [['4', '9'], 3.5],
  ] as const)('%j -> %s s', (header, want) => {
    expect(scrapeTimeoutOf(header as string | string[])).toBeCloseTo(want, 9);
  });
  it.each([undefined, '', '0', '-1', 'abc', '1e3', 'NaN', 'Infinity', '10s'])('%j -> none (the flag applies)', (header) => {
    expect(scrapeTimeoutOf(header)).toBeUndefined();
  });
});

describe('--web.scrape-timeout', () => {
  const config = (argv: string[]) => {
    const r = parseCli(argv, COLLECTORS);
    if (r.kind !== 'run') throw new Error('unexpected');
    return r.config;
  };
  it('defaults to 9.5s, a little under Prometheus default scrape timeout', () => {
    expect(config([]).scrapeTimeoutSeconds).toBe(9.5);
  });
  it('takes Go durations', () => {
    expect(config(['--web.scrape-timeout=1m30s']).scrapeTimeoutSeconds).toBe(90);
    expect(config(['--web.scrape-timeout=250ms']).scrapeTimeoutSeconds).toBeCloseTo(0.25, 9);
    expect(config(['--web.scrape-timeout=4s']).flags.duration('web.scrape-timeout')).toBe(4);
  });
  it.each(['5', 'soon', '-1s', '0s'])('refuses %j with a clear message', (v) => {
    expect(() => parseCli([`--web.scrape-timeout=${v}`], COLLECTORS)).toThrow(UsageError);
    expect(() => parseCli([`--web.scrape-timeout=${v}`], COLLECTORS)).toThrow(/--web\.scrape-timeout/);
  });
});

/** A collector that never finishes (a driver read with no deadline of its own) and one that does. */
function scraperWith(hang: { calls: number }, log = recordingLogger()): Scraper {
  const never: Collector = {
    update: () => {
      hang.calls++;
      return new Promise<void>(() => {});
    },
  };
  const quick: Collector = {
    async update(ctx) {
      ctx.gauge('quick_value', 'A value.').set(1);
    },
  };
  const paths = { procfs: machineFlags('router')[0]!.split('=')[1]!, sysfs: '/nonexistent', rootfs: '/' };
  return new Scraper(
    new Map([
      ['never', never],
      ['quick', quick],
    ]),
    paths,
    log,
    undefined,
    0.2,
  );
}

describe('a collector still running at the deadline', () => {
  it('is success 0, the others are served, and the scrape answers at the deadline', async () => {
    const hang = { calls: 0 };
    const log = recordingLogger();
    const s = scraperWith(hang, log);
    const t0 = performance.now();
    const text = await s.scrape();
    const ms = performance.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(2000);
    expect(samples(text, 'quick_value')).toEqual(['quick_value 1']);
    expect(samples(text, 'node_scrape_collector_success')).toEqual([
      'node_scrape_collector_success{collector="never"} 0',
      'node_scrape_collector_success{collector="quick"} 1',
    ]);
    // Later scrapes do not queue behind it, do not start it again, and do not log again.
    const t1 = performance.now();
    for (let i = 0; i < 5; i++) expect(samples(await s.scrape(), 'node_scrape_collector_success')[0]).toBe('node_scrape_collector_success{collector="never"} 0');
    expect(performance.now() - t1).toBeLessThan(1000);
    expect(hang.calls).toBe(1);
    expect(log.lines.filter((l) => l.startsWith('error ') && l.includes('did not finish before the scrape deadline'))).toHaveLength(1);
  });

  it('a per-request timeout overrides the default', async () => {
    const s = scraperWith({ calls: 0 });
    const t0 = performance.now();
    await s.scrape(['never', 'quick'], 0.05);
    expect(performance.now() - t0).toBeLessThan(180);
  });
});
