// node_timex_* on this machine, ours (Perl making adjtimex(2)) against Debian's prometheus-node-exporter
// (Go making it), scraped side by side. The fields that drift between two calls (offset, errors, the
// frequency while a daemon disciplines the clock) are compared by presence; the rest by value.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureScraper } from '../helpers/scrape.ts';
import { freePort, startAndScrape, stopAll } from '../helpers/processes.ts';
import { hasCommand } from '../helpers/tools.ts';

const ready = hasCommand('prometheus-node-exporter') && existsSync('/usr/bin/perl');
afterAll(stopAll);

function timexSamples(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^(node_timex_\w+) (\S+)$/.exec(line);
    if (match) m.set(match[1] as string, match[2] as string);
  }
  return m;
}

const DRIFTING = new Set(['node_timex_offset_seconds', 'node_timex_maxerror_seconds', 'node_timex_estimated_error_seconds', 'node_timex_frequency_adjustment_ratio']);

describe.skipIf(!ready)('timex on this machine', () => {
  it('serves the same node_timex_* names, types and stable values as prometheus-node-exporter', async () => {
    const port = await freePort();
    const theirs = await startAndScrape('prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${port}`, '--collector.disable-defaults', '--collector.timex'], port);
    const ours = await fixtureScraper(['--collector.disable-defaults', '--collector.timex']).scrape();
    const [o, t] = [timexSamples(ours), timexSamples(theirs)];
    expect([...o.keys()].sort()).toEqual([...t.keys()].sort());
    const types = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('# TYPE node_timex_')).sort();
    expect(types(ours)).toEqual(types(theirs));
    for (const [name, value] of t) {
      if (!DRIFTING.has(name)) expect(`${name} ${o.get(name)}`).toBe(`${name} ${value}`);
    }
  }, 30_000);
});
