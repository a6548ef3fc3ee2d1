// Compares our output on node_exporter's own fixtures with its e2e-output.txt, via ../shared/tools/promdiff.mjs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFORMANCE, SHARED, fixtureScraper } from './scrape.ts';

import { SHARED_FIXTURES } from './requirements.ts';

/** Whether ../shared/conformance/node_exporter is beside the checkout (tests on its fixtures skip without it). */
export const conformanceAvailable = SHARED_FIXTURES.present();

/** The path flags node_exporter's e2e test ran with (see ../shared/conformance/node_exporter/README.md). */
export function conformancePathFlags(): string[] {
  return [`--path.rootfs=${CONFORMANCE}`, `--path.procfs=${join(CONFORMANCE, 'proc')}`, `--path.sysfs=${join(CONFORMANCE, 'sys')}`];
}

export interface PromdiffResult {
  readonly ok: boolean;
  readonly output: string;
  /** The summary line promdiff prints last. */
  readonly summary: string;
  /** Our exposition that was compared. */
  readonly text: string;
}

/**
 * The sorted `# HELP` lines of the families whose names match `families` (a regex source, anchored), in
 * e2e-output.txt or in the given text: promdiff does not compare HELP texts.
 */
export function helpLines(families: string, text = readFileSync(join(CONFORMANCE, 'e2e-output.txt'), 'utf8')): string[] {
  const re = new RegExp(`^# HELP (?:${families}) `);
  return text
    .split('\n')
    .filter((l) => re.test(l))
    .sort();
}

/** Scrapes the given collectors on the conformance fixtures and runs promdiff on the families regex. */
export async function runConformance(collectors: readonly string[], families: string, extraFlags: readonly string[] = []): Promise<PromdiffResult> {
  const argv = [...conformancePathFlags(), '--collector.disable-defaults', ...collectors.map((c) => `--collector.${c}`), ...extraFlags];
  const text = await fixtureScraper(argv).scrape();
  const dir = mkdtempSync(join(tmpdir(), 'lte-conformance-'));
  const actual = join(dir, 'actual.prom');
  writeFileSync(actual, text);
  const args = [join(SHARED, 'tools', 'promdiff.mjs'), join(CONFORMANCE, 'e2e-output.txt'), actual, '--families', families, '--only-expected'];
  let output: string;
  let ok = true;
  try {
    output = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    ok = false;
    const e = err as { stdout?: string; stderr?: string };
    output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
  const lines = output.trim().split('\n');
  return { ok, output, summary: lines[lines.length - 1] ?? '', text };
}
