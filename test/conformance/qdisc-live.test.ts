// node_qdisc_* and node_cgroups_* on this machine: ours (tc's JSON, /proc/cgroups) against Debian's
// prometheus-node-exporter (rtnetlink through ema/qdisc, procfs), scraped one after the other. The same
// series (device and kind of each root qdisc, each controller), the same types; traffic keeps flowing
// between the two scrapes, so a counter of ours (scraped second) is at least theirs.
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureScraper } from '../helpers/scrape.ts';
import { freePort, startAndScrape, stopAll } from '../helpers/processes.ts';
import { hasCommand } from '../helpers/tools.ts';

const ready = hasCommand('prometheus-node-exporter') && hasCommand('tc');
afterAll(stopAll);

/** "name{labels}" -> value, for the samples of families matching re. */
function series(text: string, re: RegExp): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\w+\{[^}]*\}) (\S+)$/.exec(line);
    if (match && re.test(match[1] as string)) m.set(match[1] as string, Number(match[2]));
  }
  return m;
}
const types = (text: string, re: RegExp): string[] => text.split('\n').filter((l) => l.startsWith('# TYPE ') && re.test(l.slice(7))).sort();

describe.skipIf(!ready)('qdisc and cgroups on this machine', () => {
  it('serve the series prometheus-node-exporter serves, with its types', async () => {
    const port = await freePort();
    const theirs = await startAndScrape('prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${port}`, '--collector.disable-defaults', '--collector.qdisc', '--collector.cgroups'], port);
    const ours = await fixtureScraper(['--collector.disable-defaults', '--collector.qdisc', '--collector.cgroups']).scrape();
    const qdisc = /^node_qdisc_/;
    const [o, t] = [series(ours, qdisc), series(theirs, qdisc)];
    expect([...o.keys()].sort()).toEqual([...t.keys()].sort());
    expect(o.size).toBeGreaterThan(0);
    expect(types(ours, qdisc)).toEqual(types(theirs, qdisc));
    for (const [key, value] of t) {
      // node_exporter's packets are 32-bit (wrapping); none of this machine's are that large.
      if (key.includes('_total{')) expect(o.get(key), key).toBeGreaterThanOrEqual(value);
    }
    const cgroups = /^node_cgroups_/;
    expect([...series(ours, cgroups).keys()].sort()).toEqual([...series(theirs, cgroups).keys()].sort());
    const enabled = (text: string): string[] => [...series(text, /^node_cgroups_enabled\{/)].map(([k, v]) => `${k} ${v}`).sort();
    expect(enabled(ours)).toEqual(enabled(theirs));
    expect(types(ours, cgroups)).toEqual(types(theirs, cgroups));
  }, 30_000);
});
