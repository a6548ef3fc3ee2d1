// `make conformance`: node_exporter's end-to-end run redone with our exporter (as
// test/conformance/e2e.test.ts does), printed as a table of samples matched per collector: the
// README's collector table takes its numbers from here.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScraper, startApp } from '../../src/app.ts';
import { parseCli } from '../../src/cli.ts';
import { COLLECTORS } from '../../src/collectors/index.ts';
import { silentLogger } from '../../src/log.ts';
import { compareByCollector, e2eArgv, promdiff } from './e2e.ts';
import { copyWithLinks, E2E_SYSFS, procWithSelf, restoreEmptyDirs } from './linkedTree.ts';

// Bundled into bench/ and run by make from the project's root: ../shared is beside it.
const SHARED = join(process.cwd(), '..', 'shared');
const CONFORMANCE = join(SHARED, 'conformance', 'node_exporter');

async function main(): Promise<number> {
  if (!existsSync(join(CONFORMANCE, 'e2e-output.txt'))) {
    console.error(`make conformance needs node_exporter's fixtures in ${CONFORMANCE} (../shared beside the project)`);
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), 'lte-conformance-'));
  try {
    copyWithLinks(join(CONFORMANCE, 'sys'), join(dir, E2E_SYSFS));
    restoreEmptyDirs(join(dir, E2E_SYSFS));
    procWithSelf(join(CONFORMANCE, 'proc'), join(dir, 'proc'));
    // Scraped from dir, with --path.sysfs relative as node_exporter's run gave it (rapl's path label).
    const back = process.cwd();
    process.chdir(dir);
    const file = join(dir, 'actual.prom');
    const { argv, missingCollectors, missingFlags } = e2eArgv(COLLECTORS, { conformance: CONFORMANCE, procfs: join(dir, 'proc'), sysfs: E2E_SYSFS });
    try {
      const res = parseCli([...argv, '--web.listen-address=127.0.0.1:0'], COLLECTORS);
      if (res.kind !== 'run') throw new Error('no config');
      const server = await startApp(res.config, createScraper(res.config, COLLECTORS, [], silentLogger), silentLogger);
      try {
        writeFileSync(file, await (await fetch(`http://${server.addresses[0]}/metrics`)).text());
      } finally {
        await server.close();
      }
    } finally {
      process.chdir(back);
    }
    const [total, rows] = await Promise.all([promdiff(SHARED, CONFORMANCE, file), compareByCollector(SHARED, CONFORMANCE, file)]);
    const defaults = new Map(COLLECTORS.map((c) => [c.name, c.defaultEnabled]));
    console.log('| collector | here | samples matched |');
    console.log('|---|---|---|');
    for (const r of rows) {
      const here = defaults.has(r.collector) ? (defaults.get(r.collector) ? 'on' : 'off') : r.collector.startsWith('exporter') ? 'on' : 'missing';
      console.log(`| ${r.collector} | ${here} | ${r.matched}/${r.expected} |`);
    }
    console.log(`\n${total.matched}/${total.expected} samples of node_exporter 1.12.1's e2e-output.txt matched (left out: see test/conformance/e2e.ts LEFT_OUT).`);
    const attributed = rows.reduce((n, r) => n + r.expected, 0);
    if (attributed !== total.expected) console.log(`Only ${attributed} of the ${total.expected} samples belong to a collector of COLLECTOR_FAMILIES (test/conformance/e2e.ts): add the others.`);
    if (missingCollectors.length > 0) console.log(`Collectors of its run we do not have: ${missingCollectors.join(', ')}`);
    if (missingFlags.length > 0) console.log(`Flags of its run we do not have: ${missingFlags.join(', ')}`);
    const wrong = rows.filter((r) => defaults.has(r.collector) && r.matched !== r.expected);
    for (const r of wrong) console.log(`\n${r.collector}:\n${r.report}`);
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
