import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeTextfiles } from '../../src/collectors/textfile.ts';
import { silentLogger } from '../../src/log.ts';
import { parseTextFormat } from '../../src/textformat.ts';
import { conformanceAvailable } from '../helpers/conformance.ts';
import { CONFORMANCE, FIXTURES, ROOT, expectGolden, fixtureScraper, machineFlags, recordingLogger, samples } from '../helpers/scrape.ts';

const CASES = join(CONFORMANCE, 'textfile');

function scraper(dir: string | undefined, log = recordingLogger()): ReturnType<typeof fixtureScraper> {
  const flags = [...machineFlags('empty'), '--collector.disable-defaults', '--collector.textfile'];
  if (dir !== undefined) flags.push(`--collector.textfile.directory=${dir}`);
  return fixtureScraper(flags, log);
}

/**
 * An exposition reduced to what must match: per family its HELP, TYPE and sample lines with labels sorted by
 * name (le/quantile kept last, as written) and values as numbers. node_textfile_mtime_seconds values are
 * file times and are replaced by "*"; node_scrape_collector_* come from our scraper only.
 */
function canonical(text: string): Map<string, string[]> {
  const fams = new Map<string, string[]>();
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
    if (meta) {
      current = meta[2] as string;
      const list = fams.get(current) ?? [];
      list.push(`${meta[1]} ${meta[3] ?? ''}`);
      fams.set(current, list);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`unexpected line ${line}`);
    const pairs = [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((p) => [p[1] as string, p[2] as string] as const);
    const last = pairs.filter(([n]) => n === 'le' || n === 'quantile');
    const rest = pairs.filter(([n]) => n !== 'le' && n !== 'quantile').sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const labels = [...rest, ...last].map(([n, v]) => `${n}="${v}"`).join(',');
    const value = current === 'node_textfile_mtime_seconds' ? '*' : String(Number(m[3] === 'Nan' ? 'NaN' : m[3]));
    fams.get(current)?.push(`${m[1]}{${labels}} ${value}`);
  }
  for (const k of [...fams.keys()]) if (k.startsWith('node_scrape_collector_')) fams.delete(k);
  return fams;
}

/** node_exporter's textfile_test.go table: every fixture directory, a missing one, and a glob. */
const TABLE: [string, string][] = !conformanceAvailable ? [] : [
  ...readdirSync(CASES)
    .filter((d) => statSync(join(CASES, d)).isDirectory())
    .map((d): [string, string] => [d, join(CASES, d)]),
  ['nonexistent_path', join(CASES, 'nonexistent_path')],
  ['glob_extra_dimension', join(CASES, '*_extra_dimension')],
];

describe.skipIf(!conformanceAvailable)('textfile collector on node_exporter\'s fixtures (needs ../shared)', () => {
  it('covers every expected output', () => {
    const outs = readdirSync(CASES).filter((f) => f.endsWith('.out')).map((f) => f.slice(0, -4));
    expect(TABLE.map(([n]) => n).sort()).toEqual(outs.sort());
  });

  it.each(TABLE)('%s', async (name, dir) => {
    const expected = readFileSync(join(CASES, `${name}.out`), 'utf8').replaceAll('fixtures/textfile/', `${CASES}/`);
    const text = await scraper(dir).scrape();
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="textfile"} 1']);
    expect(Object.fromEntries(canonical(text))).toEqual(Object.fromEntries(canonical(expected)));
  });
});

describe('textfile collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const dir = join(FIXTURES, 'router/textfile');
    const text = await scraper(dir).scrape();
    // mtimes change with every checkout, the path with the checkout's location.
    const stable = text
      .split('\n')
      .filter((l) => !l.startsWith('node_scrape_collector_duration_seconds{'))
      .map((l) => (l.startsWith('node_textfile_mtime_seconds{') ? l.replace(/ \d+$/, ' <mtime>') : l))
      .join('\n')
      .replaceAll(ROOT, '<root>');
    expectGolden('router/textfile.prom', stable);
    const mtime = Math.floor(statSync(join(dir, 'wan.prom')).mtimeMs / 1000);
    expect(samples(text, 'node_textfile_mtime_seconds')).toContain(`node_textfile_mtime_seconds{file="${dir}/wan.prom"} ${mtime}`);
  });

  it('exports only node_textfile_scrape_error 0 when no directory is configured', async () => {
    const text = await scraper(undefined).scrape();
    expect(canonical(text)).toEqual(new Map([['node_textfile_scrape_error', ['HELP 1 if there was an error opening or reading a file, 0 otherwise', 'TYPE gauge', 'node_textfile_scrape_error{} 0']]]));
  });

  it('rejects a bad file whole, keeps the good ones, and says so in node_textfile_scrape_error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lte-textfile-'));
    writeFileSync(join(dir, 'a_good.prom'), 'good_metric{x="1"} 1\n');
    writeFileSync(join(dir, 'b_bad.prom'), 'half_written{x="1"} 1\nhalf_writ');
    writeFileSync(join(dir, 'c_stamp.prom'), 'stamped 1 1441205977284\nnot_stamped 2\n');
    writeFileSync(join(dir, 'd_utf8.prom'), Buffer.from([0x6d, 0x7b, 0x61, 0x3d, 0x22, 0xff, 0x22, 0x7d, 0x20, 0x31, 0x0a]));
    mkdirSync(join(dir, 'e_dir.prom'));
    writeFileSync(join(dir, 'f_ignored.txt'), 'this is not a metrics file');
    const log = recordingLogger();
    const text = await scraper(dir, log).scrape();
    expect(samples(text, 'node_textfile_scrape_error')).toEqual(['node_textfile_scrape_error 1']);
    expect(samples(text, 'good_metric')).toEqual(['good_metric{x="1"} 1']);
    expect(text).not.toMatch(/^(half_written|stamped|not_stamped|m)\b/m);
    expect(samples(text, 'node_textfile_mtime_seconds').map((l) => /file="([^"]+)"/.exec(l)?.[1])).toEqual([join(dir, 'a_good.prom')]);
    const errors = log.lines.filter((l) => l.startsWith('error failed to collect textfile data'));
    expect(errors.map((l) => /"file":"([^"]+)"/.exec(l)?.[1])).toEqual(['b_bad.prom', 'c_stamp.prom', 'd_utf8.prom', 'e_dir.prom']);
    expect(errors[0]).toMatch(/line 2: unexpected end of input stream/);
    expect(errors[1]).toMatch(/unsupported client-side timestamps/);
  });

  it('reports an unreadable directory (scrape error 1) but still succeeds', async () => {
    const text = await scraper('/nonexistent/textfile/dir').scrape();
    expect(samples(text, 'node_textfile_scrape_error')).toEqual(['node_textfile_scrape_error 1']);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="textfile"} 1']);
  });

  it('follows changes between scrapes: new values, removed files, and a family that changes type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lte-textfile-'));
    writeFileSync(join(dir, 'a.prom'), '# TYPE jobs gauge\njobs 3\n');
    writeFileSync(join(dir, 'b.prom'), 'backup_ok 1\n');
    utimesSync(join(dir, 'b.prom'), 1_700_000_000, 1_700_000_000);
    const log = recordingLogger();
    const s = scraper(dir, log);
    const first = await s.scrape();
    expect(samples(first, 'jobs')).toEqual(['jobs 3']);
    expect(samples(first, 'node_textfile_mtime_seconds')).toContain(`node_textfile_mtime_seconds{file="${dir}/b.prom"} 1700000000`);

    rmSync(join(dir, 'b.prom'));
    writeFileSync(join(dir, 'a.prom'), '# TYPE jobs gauge\njobs 5\n');
    const second = await s.scrape();
    expect(samples(second, 'jobs')).toEqual(['jobs 5']);
    expect(second).not.toContain('backup_ok');
    expect(second).not.toContain('b.prom');

    // families.ts keeps a family's first type for the process's life: the changed family cannot be exported,
    // but the collector and the other families carry on.
    writeFileSync(join(dir, 'a.prom'), '# TYPE jobs counter\njobs 6\nother 1\n');
    const third = await s.scrape();
    expect(samples(third, 'other')).toEqual(['other 1']);
    expect(samples(third, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="textfile"} 1']);
    expect(log.lines.some((l) => l.includes('textfile metric cannot be exported') && l.includes('jobs'))).toBe(true);
  });

  it('reads a glob of directories, sorted, with files of the same metric merged', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lte-textfile-'));
    for (const d of ['hosts.d', 'apps.d', 'other']) mkdirSync(join(root, d));
    writeFileSync(join(root, 'hosts.d', 'x.prom'), '# HELP up_check Up.\n# TYPE up_check gauge\nup_check{svc="dns"} 1\n');
    writeFileSync(join(root, 'apps.d', 'y.prom'), '# HELP up_check Up.\n# TYPE up_check gauge\nup_check{svc="vpn"} 0\n');
    writeFileSync(join(root, 'other', 'z.prom'), 'not_read 1\n');
    const text = await scraper(join(root, '*.d')).scrape();
    expect(samples(text, 'up_check')).toEqual(['up_check{svc="dns"} 1', 'up_check{svc="vpn"} 0']);
    expect(samples(text, 'node_textfile_mtime_seconds').map((l) => /file="([^"]+)"/.exec(l)?.[1])).toEqual([join(root, 'apps.d/y.prom'), join(root, 'hosts.d/x.prom')]);
    expect(text).not.toContain('not_read');
  });

  it('reads an unreadable *.prom as an error (a directory; without root also a file of mode 000)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lte-textfile-'));
    mkdirSync(join(dir, 'folder.prom'));
    writeFileSync(join(dir, 'good.prom'), 'good 1\n');
    const text = await scraper(dir).scrape();
    expect(samples(text, 'node_textfile_scrape_error')).toEqual(['node_textfile_scrape_error 1']);
    expect(samples(text, 'good')).toEqual(['good 1']);
    if (process.getuid?.() !== 0) {
      // Root reads any file whatever its mode: this half is for the unprivileged runs.
      const locked = mkdtempSync(join(tmpdir(), 'lte-textfile-'));
      writeFileSync(join(locked, 'secret.prom'), 'x 1\n');
      chmodSync(join(locked, 'secret.prom'), 0o000);
      expect(samples(await scraper(locked).scrape(), 'node_textfile_scrape_error')).toEqual(['node_textfile_scrape_error 1']);
    }
  });
});

describe('mergeTextfiles (registry rules across files)', () => {
  const merge = (files: Record<string, string>): { text: string[]; errored: boolean } => {
    const r = mergeTextfiles(
      Object.entries(files).map(([path, t]) => ({ path, families: parseTextFormat(t) })),
      silentLogger,
    );
    return { text: r.families.flatMap((f) => [`${f.name} ${f.type} ${JSON.stringify(f.help)}`, ...f.metrics.flatMap((m) => m.samples.map((s) => `${s.name}${JSON.stringify(s.labels)} ${s.value}`))]), errored: r.errored };
  };

  it('drops samples whose type differs from the family\'s first, without an error metric (as client_golang)', () => {
    expect(merge({ 'a.prom': '# HELP m x\n# TYPE m counter\nm{f="a"} 1\n', 'b.prom': '# HELP m x\n# TYPE m gauge\nm{f="b"} 2\n' })).toEqual({ text: ['m counter "x"', 'm{"f":"a"} 1'], errored: false });
  });

  it('drops a family without HELP that meets one with HELP (different help texts)', () => {
    expect(merge({ 'a.prom': '# HELP m x\nm{f="a"} 1\n', 'b.prom': 'm{f="b"} 2\n' })).toEqual({ text: ['m untyped "x"', 'm{"f":"a"} 1'], errored: false });
  });

  it('keeps dropping a name once its HELP was inconsistent', () => {
    const r = merge({ 'a.prom': '# HELP m x\nm{f="a"} 1\n', 'b.prom': '# HELP m y\nm{f="b"} 2\n', 'c.prom': '# HELP m x\nm{f="c"} 3\n', 'd.prom': 'm{f="d"} 4\n' });
    expect(r).toEqual({ text: ['m untyped "x"', 'm{"f":"a"} 1'], errored: true });
  });

  it('keeps the first of duplicate samples, within and across files', () => {
    expect(merge({ 'a.prom': 'm{f="a"} 1\nm{f="a"} 2\n', 'b.prom': 'm{f="a"} 3\n' }).text).toEqual(['m untyped "Metric read from a.prom, b.prom"', 'm{"f":"a"} 1']);
  });

  it('drops a family whose _count/_sum/_bucket clashes with a summary or histogram', () => {
    const r = merge({ 'a.prom': '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n', 'b.prom': 'h_count 7\nh_total 2\n' });
    expect(r.text).toEqual(['h histogram "Metric read from a.prom"', 'h_bucket{"le":"1"} 1', 'h_bucket{"le":"+Inf"} 1', 'h_sum{} 1', 'h_count{} 1', 'h_total untyped "Metric read from b.prom"', 'h_total{} 2']);
  });

  it('writes summaries and histograms as client_golang does: sorted, deduplicated, +Inf added', () => {
    const r = merge({
      'a.prom': '# TYPE s summary\ns{quantile="0.99"} 3\ns{quantile="0.5"} 1\ns{quantile="0.5"} 2\n# TYPE h histogram\nh_bucket{le="1e6"} 4\nh_bucket{le="10"} 2\nh_count 9\nh_sum 0.5\n',
    });
    expect(r.text).toEqual([
      'h histogram "Metric read from a.prom"',
      'h_bucket{"le":"10"} 2',
      'h_bucket{"le":"1e+06"} 4',
      'h_bucket{"le":"+Inf"} 9',
      'h_sum{} 0.5',
      'h_count{} 9',
      's summary "Metric read from a.prom"',
      's{"quantile":"0.5"} 2',
      's{"quantile":"0.99"} 3',
      's_sum{} 0',
      's_count{} 0',
    ]);
  });

  it('leaves the collector\'s own families alone', () => {
    expect(merge({ 'a.prom': 'node_textfile_scrape_error 0\nnode_textfile_mtime_seconds{file="x"} 1\nok 1\n' }).text).toEqual(['ok untyped "Metric read from a.prom"', 'ok{} 1']);
  });
});
