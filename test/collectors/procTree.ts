// Small throwaway procfs trees for collector edge cases (a file missing, garbage, a process that exits).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import type { Logger } from '../../src/log.ts';
import { fixtureScraper, recordingLogger } from '../helpers/scrape.ts';
import type { Scraper } from '../../src/scrape.ts';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Writes the files (path under proc/ -> content, written as is) into a new temporary root with empty sys/. */
export function procTree(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'lte-proc-'));
  roots.push(root);
  mkdirSync(join(root, 'proc'));
  mkdirSync(join(root, 'sys'));
  writeFiles(join(root, 'proc'), files);
  return root;
}

export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** A scraper of only the given collectors on a tree made by procTree. */
export function treeScraper(root: string, collectors: readonly string[], extra: readonly string[] = [], log?: Logger): Scraper {
  const flags = [`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, `--path.rootfs=${root}`, '--collector.disable-defaults'];
  return fixtureScraper([...flags, ...collectors.map((c) => `--collector.${c}`), ...extra], log);
}

/** The node_scrape_collector_success value of one collector in an exposition. */
export function success(text: string, collector: string): number | undefined {
  const m = new RegExp(`^node_scrape_collector_success\\{collector="${collector}"\\} (\\d)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * Scrapes one collector on a proc tree made of the files: its success value, whether it exported any
 * metric starting with prefix, and what was logged above debug level.
 */
export async function scrapeOnTree(collector: string, files: Readonly<Record<string, string>>, prefix: string): Promise<{ success: number | undefined; exported: boolean; logged: string[] }> {
  const log = recordingLogger();
  const root = procTree(files);
  const text = await treeScraper(root, [collector], [], log).scrape();
  return { success: success(text, collector), exported: text.split('\n').some((l) => l.startsWith(prefix)), logged: log.lines.filter((l) => !l.startsWith('debug ')) };
}
