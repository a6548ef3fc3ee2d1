import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

describe.skipIf(!conformanceAvailable)('conformance: rapl', () => {
  const cwd = process.cwd();
  const base = mkdtempSync(join(tmpdir(), 'lte-rapl-'));
  afterAll(() => {
    process.chdir(cwd);
    rmSync(base, { recursive: true, force: true });
  });

  it('matches node_rapl_* of node_exporter, path label included', async () => {
    // The path label is --path.sysfs joined with class/powercap/<zone>: node_exporter's e2e test ran
    // with --path.sysfs=collector/fixtures/sys, relative to its checkout. The same relative path here,
    // from a temporary directory that has it.
    mkdirSync(join(base, 'collector', 'fixtures'), { recursive: true });
    symlinkSync(conformanceSysfsWithLinks(), join(base, 'collector', 'fixtures', 'sys'));
    process.chdir(base);
    const r = await runConformance(['rapl'], 'node_rapl_.*', ['--path.sysfs=collector/fixtures/sys']);
    process.chdir(cwd);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/^OK: 2 families, 2\/2 expected samples matched; 0 missing \(0 whole families\), 0 wrong values, 0 extra, 0 type mismatches$/);
  });
});
