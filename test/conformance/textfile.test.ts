import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { CONFORMANCE } from '../helpers/scrape.ts';

describe.skipIf(!conformanceAvailable)('conformance: textfile', () => {
  it('matches node_textfile_scrape_error and the testmetric* families of node_exporter', async () => {
    const r = await runConformance(['textfile'], 'node_textfile_scrape_error|testmetric.*', [`--collector.textfile.directory=${join(CONFORMANCE, 'textfile/two_metric_files/')}`]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 5 families, 5\/5 expected samples matched/);
  });
});
