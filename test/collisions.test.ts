// One metric family is served once per scrape, whichever collectors produce it: a *.prom file that
// defines a built-in collector's family (here node_load1) loses to the built-in one, as in node_exporter.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureScraper, machineFlags, recordingLogger, samples } from './helpers/scrape.ts';
import { hasCommand, promtoolFindings } from './helpers/tools.ts';

function textfileDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lte-collide-'));
  writeFileSync(join(dir, 'collide.prom'), '# HELP node_load1 Not the kernel.\n# TYPE node_load1 gauge\nnode_load1 42\n# TYPE backup_ok gauge\nbackup_ok 1\n');
  return dir;
}

describe('families served by two collectors', () => {
  it('are served once, the built-in collector winning over textfile, and the collision logged once', async () => {
    const log = recordingLogger();
    const flags = [...machineFlags('router'), '--collector.disable-defaults', '--collector.loadavg', '--collector.textfile', `--collector.textfile.directory=${textfileDir()}`];
    const scraper = fixtureScraper(flags, log);
    const text = await scraper.scrape();
    await scraper.scrape();
    expect(text.match(/^# TYPE node_load1 /gm)).toHaveLength(1);
    expect(samples(text, 'node_load1')).toEqual(['node_load1 0.52']);
    expect(samples(text, 'backup_ok')).toEqual(['backup_ok 1']);
    expect(samples(text, 'node_scrape_collector_success')).toEqual([
      'node_scrape_collector_success{collector="loadavg"} 1',
      'node_scrape_collector_success{collector="textfile"} 1',
    ]);
    const warnings = log.lines.filter((l) => l.startsWith('warn '));
    expect(warnings).toEqual(['warn metric family already served by another collector: dropped {"collector":"textfile","family":"node_load1","servedBy":"loadavg"}']);
    if (hasCommand('promtool')) expect(promtoolFindings(text)).toEqual([]);
  });
});
