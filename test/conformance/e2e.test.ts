// node_exporter's whole end-to-end run redone with our exporter, over real HTTP: every family of
// e2e-output.txt except those left out (see e2e.ts, LEFT_OUT), sample by sample.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScraper, startApp } from '../../src/app.ts';
import { parseCli } from '../../src/cli.ts';
import { COLLECTORS } from '../../src/collectors/index.ts';
import { silentLogger } from '../../src/log.ts';
import { conformanceAvailable } from '../helpers/conformance.ts';
import { CONFORMANCE, SHARED } from '../helpers/scrape.ts';
import { COLLECTOR_FAMILIES, e2eArgv, familiesOf, promdiff } from './e2e.ts';
import type { Matched } from './e2e.ts';
import { conformanceProcfsWithSelf } from './procfsWithSelf.ts';
import { conformanceSysfsAsInE2e } from './sysfsWithLinks.ts';

/** Samples of the 2,906 that match today; raise it with every collector added (never lower it). */
const MATCHED = 2906;

const dir = mkdtempSync(join(tmpdir(), 'lte-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let result: { total: Matched; ours: Matched; missingCollectors: string[]; missingFlags: string[] } | undefined;

async function run(): Promise<NonNullable<typeof result>> {
  if (result !== undefined) return result;
  // --path.sysfs as node_exporter's run gave it, relative to its checkout (rapl's path label holds it).
  const e2eSys = conformanceSysfsAsInE2e();
  const back = process.cwd();
  process.chdir(e2eSys.cwd);
  const { argv, missingCollectors, missingFlags } = e2eArgv(COLLECTORS, { conformance: CONFORMANCE, procfs: conformanceProcfsWithSelf(), sysfs: e2eSys.sysfs });
  const res = parseCli([...argv, '--web.listen-address=127.0.0.1:0'], COLLECTORS);
  if (res.kind !== 'run') throw new Error('no config');
  const server = await startApp(res.config, createScraper(res.config, COLLECTORS, [], silentLogger), silentLogger);
  try {
    // The first scrape, as node_exporter's e2e test took it (promhttp_metric_handler_requests_total 0).
    const text = await (await fetch(`http://${server.addresses[0]}/metrics`)).text();
    const file = join(dir, 'actual.prom');
    writeFileSync(file, text);
    // Every family of the collectors we have, and all families (what we do not have counts as missing).
    const ours = COLLECTOR_FAMILIES.filter(([c]) => COLLECTORS.some((d) => d.name === c) || c.startsWith('exporter')).map(([c]) => familiesOf(c));
    const [total, mine] = await Promise.all([promdiff(SHARED, CONFORMANCE, file), promdiff(SHARED, CONFORMANCE, file, ours.join('|'))]);
    result = { total, ours: mine, missingCollectors, missingFlags };
    return result;
  } finally {
    await server.close();
    process.chdir(back);
  }
}

describe.skipIf(!conformanceAvailable)("conformance: node_exporter's end-to-end run", () => {
  it(`matches ${MATCHED} of its 2,906 samples`, async () => {
    const r = await run();
    expect(r.total.expected).toBe(2906);
    expect(r.total.matched).toBe(MATCHED);
  }, 60_000);

  it('matches every sample of each collector we have; what is missing is whole collectors', async () => {
    const r = await run();
    expect(r.ours.report).toBe('');
    expect(r.ours.matched).toBe(r.ours.expected);
    expect(r.total.matched).toBe(r.ours.matched);
  }, 60_000);
});
