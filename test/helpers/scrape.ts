// Runs the real CLI parsing, collectors and scraper in-process on a fixture tree.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { createScraper } from '../../src/app.ts';
import { parseCli } from '../../src/cli.ts';
import { COLLECTORS, TINY } from '../../src/collectors/index.ts';
import { silentLogger } from '../../src/log.ts';
import type { Logger } from '../../src/log.ts';
import type { Scraper } from '../../src/scrape.ts';
import { FIXTURES, ROOT } from './paths.ts';

export { CONFORMANCE, FIXTURES, ROOT, SHARED } from './paths.ts';

/** A scraper built exactly as main.ts builds one, from command-line flags (exporter self-metrics off). */
export function fixtureScraper(argv: readonly string[], log: Logger = silentLogger): Scraper {
  const res = parseCli(['--web.disable-exporter-metrics', ...argv], COLLECTORS);
  if (res.kind !== 'run') throw new Error('unexpected help/version');
  return createScraper(res.config, COLLECTORS, res.config.compatTiny ? [TINY] : [], log);
}

/**
 * Flags that point every path at test/fixtures/<machine>, so that nothing of the test host leaks in:
 * udev data from the fixture tree (absent on the router: OpenWrt has no udev), and a fixed stand-in for
 * the Perl that makes timex's adjtimex(2) call.
 */
export function machineFlags(machine: string): string[] {
  const base = join(FIXTURES, machine);
  return [
    `--path.procfs=${join(base, 'proc')}`,
    `--path.sysfs=${join(base, 'sys')}`,
    `--path.rootfs=${base}`,
    `--path.udev.data=${join(base, 'run', 'udev', 'data')}`,
    `--collector.timex.perl=${join(FIXTURES, 'adjtimex', 'fake-perl')}`,
  ];
}

/** Drops the lines whose values change from run to run (collector durations). */
export function stable(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.startsWith('node_scrape_collector_duration_seconds{'))
    .join('\n');
}

/**
 * Compares text with test/golden/<name>. Run with UPDATE_GOLDEN=1 (make golden) to rewrite the file;
 * review the diff before committing it.
 */
export function expectGolden(name: string, text: string): void {
  const path = join(ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.CI && !existsSync(path)) throw new Error(`golden file ${name} is missing; run make golden`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  expect(text).toBe(readFileSync(path, 'utf8'));
}

/** Lines of an exposition for one metric name (samples only). */
export function samples(text: string, name: string): string[] {
  return text.split('\n').filter((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'));
}

/** A logger that records lines, for asserting on what was logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const rec = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
  };
  return { lines, debug: rec('debug'), info: rec('info'), warn: rec('warn'), error: rec('error'), enabled: () => true };
}
