// Metrics from *.prom files in --collector.textfile.directory, as node_exporter 1.12.1's textfile collector:
// whole files are rejected on any parse error or client-side timestamp (node_textfile_scrape_error 1, the
// other files still exported), HELP texts are merged across files, node_textfile_mtime_seconds per file read.
import { join } from 'node:path';
import type { Collector, CollectorContext, CollectorDefinition, CollectorEnv, FamilyType } from '../collector.ts';
import { goGlob } from '../goglob.ts';
import { listHostDir, openHostFile } from '../hostFiles.ts';
import type { TextFamily, TextMetric } from '../textformat.ts';
import { formatGoFloat, parseTextFormat } from '../textformat.ts';

const DIR_FLAG = 'collector.textfile.directory';
const MTIME = 'node_textfile_mtime_seconds';
const SCRAPE_ERROR = 'node_textfile_scrape_error';

interface FileResult {
  readonly families: readonly TextFamily[];
  readonly mtime?: number;
  readonly error?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads, parses and validates one file (node_exporter's processFile). */
export async function processFile(path: string): Promise<FileResult> {
  let fh;
  try {
    fh = await openHostFile(path);
  } catch (err) {
    return { families: [], error: `failed to open textfile data file ${JSON.stringify(path)}: ${(err as Error).message}` };
  }
  try {
    let families: TextFamily[];
    try {
      families = parseTextFormat(decoder.decode(await fh.read()));
    } catch (err) {
      return { families: [], error: `failed to parse textfile data from ${JSON.stringify(path)}: ${(err as Error).message}` };
    }
    if (families.some((f) => f.metrics.some((m) => m.timestampMs !== undefined))) {
      return { families: [], error: `textfile ${JSON.stringify(path)} contains unsupported client-side timestamps, skipping entire file` };
    }
    try {
      return { families, mtime: Number((await fh.mtimeNs()) / 1_000_000_000n) };
    } catch (err) {
      return { families, error: `failed to stat ${JSON.stringify(path)}: ${(err as Error).message}` };
    }
  } finally {
    await fh.close();
  }
}

/** One sample line as it will be written. */
interface OutSample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** One metric of an output family, with its label pairs sorted by name (client_golang's order). */
interface OutMetric {
  readonly pairs: readonly [string, string][];
  readonly samples: readonly OutSample[];
}

interface OutFamily {
  readonly name: string;
  readonly help: string;
  readonly type: FamilyType;
  readonly metrics: OutMetric[];
  readonly keys: Set<string>;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** client_golang's metricSorter: fewer labels first, then label values in label-name order. */
function compareMetrics(a: OutMetric, b: OutMetric): number {
  if (a.pairs.length !== b.pairs.length) return a.pairs.length - b.pairs.length;
  for (let i = 0; i < a.pairs.length; i++) {
    const c = byName((a.pairs[i] as [string, string])[1], (b.pairs[i] as [string, string])[1]);
    if (c !== 0) return c;
  }
  return 0;
}

/** The samples of one metric, as client_golang's const metrics and the text exposition write them. */
function toSamples(f: TextFamily, m: TextMetric, pairs: readonly [string, string][]): OutSample[] {
  const labels = Object.fromEntries(pairs);
  const name = f.name;
  if (f.type === 'summary') {
    const s = m.summary ?? { count: 0, sum: 0, quantiles: [] };
    const qs = new Map<number, number>();
    for (const [k, v] of s.quantiles) qs.set(k, v);
    const out: OutSample[] = [...qs.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([k, v]) => ({ name, labels: { ...labels, quantile: formatGoFloat(k) }, value: v }));
    out.push({ name: `${name}_sum`, labels, value: s.sum }, { name: `${name}_count`, labels, value: s.count });
    return out;
  }
  if (f.type === 'histogram') {
    const h = m.histogram ?? { count: 0, sum: 0, buckets: [] };
    const bs = new Map<number, number>();
    for (const [k, v] of h.buckets) bs.set(k, v);
    const sorted = [...bs.entries()].sort((a, b) => a[0] - b[0]);
    const out: OutSample[] = sorted.map(([k, v]) => ({ name: `${name}_bucket`, labels: { ...labels, le: formatGoFloat(k) }, value: v }));
    if (!bs.has(Infinity)) out.push({ name: `${name}_bucket`, labels: { ...labels, le: '+Inf' }, value: h.count });
    out.push({ name: `${name}_sum`, labels, value: h.sum }, { name: `${name}_count`, labels, value: h.count });
    return out;
  }
  return [{ name, labels, value: m.value ?? 0 }];
}

/** client_golang's checkSuffixCollisions: a new family must not clash with the _count/_sum/_bucket of another. */
function suffixCollision(name: string, type: FamilyType, fams: ReadonlyMap<string, OutFamily>): string | undefined {
  let base = '';
  if (name.endsWith('_count')) base = name.slice(0, -6);
  else if (name.endsWith('_sum')) base = name.slice(0, -4);
  else if (name.endsWith('_bucket')) base = name.slice(0, -7);
  const existing = base === '' ? undefined : fams.get(base);
  if (existing?.type === 'summary' && !name.endsWith('_bucket')) return existing.name;
  if (existing?.type === 'histogram') return existing.name;
  if (type === 'summary' || type === 'histogram') {
    for (const s of type === 'histogram' ? ['_count', '_sum', '_bucket'] : ['_count', '_sum']) if (fams.has(name + s)) return name + s;
  }
  return undefined;
}

export interface TextfileMergeResult {
  readonly families: readonly OutFamily[];
  /** Whether the merge itself found an error that node_exporter reports (inconsistent HELP). */
  readonly errored: boolean;
}

/**
 * Merges the families of several files as node_exporter and client_golang's registry do: a family whose HELP
 * differs from the first HELP seen for that name is dropped (an error); families without HELP get "Metric
 * read from <files>"; then each sample goes through the registry's consistency checks (same HELP and type as
 * the family's first sample, no _count/_sum/_bucket clash, no duplicate label set), and failing samples are
 * dropped. Families and samples come out in client_golang's order.
 */
export function mergeTextfiles(
  files: readonly { readonly path: string; readonly families: readonly TextFamily[] }[],
  log: CollectorEnv['log'],
): TextfileMergeResult {
  let errored = false;
  const parsed: TextFamily[] = [];
  const filesByName = new Map<string, string[]>();
  const helpByName = new Map<string, [string, string]>();
  for (const file of files) {
    for (const f of file.families) {
      const seen = helpByName.get(f.name);
      if (seen !== undefined && ((f.help !== undefined && seen[0] !== f.help) || seen[1] !== '')) {
        // (node_exporter dereferences a missing HELP here and panics; we treat it as empty.)
        helpByName.set(f.name, [seen[0], f.help ?? '']);
        errored = true;
        log.error('inconsistent metric help text', { metric: f.name, original_help_text: seen[0], new_help_text: f.help ?? '', file: filesByName.get(f.name)?.[0] });
        continue;
      }
      if (f.help !== undefined) helpByName.set(f.name, [f.help, '']);
      const list = filesByName.get(f.name) ?? [];
      list.push(file.path);
      filesByName.set(f.name, list);
      parsed.push(f);
    }
  }

  const out = new Map<string, OutFamily>();
  for (const f of parsed) {
    if (f.type === 'gaugehistogram') continue; // the parser rejects its samples; nothing can reach here
    const help = f.help ?? `Metric read from ${(filesByName.get(f.name) ?? []).join(', ')}`;
    if (f.name === MTIME || f.name === SCRAPE_ERROR) {
      log.error('textfile metric collides with the collector’s own metric, dropped', { metric: f.name });
      continue;
    }
    const allNames = new Set<string>();
    for (const m of f.metrics) for (const [n] of m.labels) allNames.add(n);
    for (const m of f.metrics) {
      const have = new Map(m.labels);
      for (const n of allNames) if (!have.has(n)) have.set(n, '');
      const pairs = [...have.entries()].sort((a, b) => byName(a[0], b[0]));
      let fam = out.get(f.name);
      if (fam) {
        if (fam.help !== help) {
          log.error('collected metric has a different help text than its family, dropped', { metric: f.name, help, family_help: fam.help });
          continue;
        }
        if (fam.type !== f.type) {
          log.error('collected metric has a different type than its family, dropped', { metric: f.name, type: f.type, family_type: fam.type });
          continue;
        }
      } else {
        const clash = suffixCollision(f.name, f.type, out);
        if (clash !== undefined) {
          log.error('collected metric collides with another metric family, dropped', { metric: f.name, other: clash });
          continue;
        }
        fam = { name: f.name, help, type: f.type, metrics: [], keys: new Set() };
        out.set(f.name, fam);
      }
      const key = JSON.stringify(pairs);
      if (fam.keys.has(key)) {
        log.error('collected metric was collected before with the same name and label values, dropped', { metric: f.name, labels: key });
        continue;
      }
      fam.keys.add(key);
      fam.metrics.push({ pairs, samples: toSamples(f, m, pairs) });
    }
  }
  const families = [...out.values()].sort((a, b) => byName(a.name, b.name));
  for (const fam of families) fam.metrics.sort(compareMetrics);
  return { families, errored };
}

class TextfileCollector implements Collector {
  private readonly pattern: string;

  constructor(env: CollectorEnv) {
    this.pattern = env.flags.string(DIR_FLAG) ?? '';
  }

  private async paths(ctx: CollectorContext): Promise<string[]> {
    try {
      const ps = await goGlob(this.pattern);
      if (ps.length > 0) return ps;
    } catch (err) {
      ctx.log.debug('textfile directory is not a valid glob, reading it as a directory', { path: this.pattern, err: (err as Error).message });
    }
    return [this.pattern];
  }

  async update(ctx: CollectorContext): Promise<void> {
    let errored = false;
    const files: { path: string; families: readonly TextFamily[] }[] = [];
    const mtimes = new Map<string, number>();
    for (const dir of await this.paths(ctx)) {
      let names: string[] = [];
      try {
        names = (await listHostDir(dir)).sort(byName);
      } catch (err) {
        if (dir !== '') {
          errored = true;
          ctx.log.error('failed to read textfile collector directory', { path: dir, err: (err as Error).message });
        }
      }
      for (const name of names) {
        if (!name.endsWith('.prom')) continue;
        const path = join(dir, name);
        const r = await processFile(path);
        files.push({ path, families: r.families });
        if (r.error !== undefined) {
          errored = true;
          ctx.log.error('failed to collect textfile data', { file: name, err: r.error });
          continue;
        }
        if (r.mtime !== undefined) mtimes.set(path, r.mtime);
      }
    }

    const merged = mergeTextfiles(files, ctx.log);
    if (merged.errored) errored = true;
    for (const fam of merged.families) {
      let sink;
      try {
        sink = ctx.samples(fam.name, fam.help, fam.type);
      } catch (err) {
        // The family was declared with another type in an earlier scrape (a file changed); see families.ts.
        ctx.log.error('textfile metric cannot be exported', { metric: fam.name, err: (err as Error).message });
        continue;
      }
      for (const m of fam.metrics) for (const s of m.samples) sink.add(s.name, s.labels, s.value);
    }

    if (mtimes.size > 0) {
      const g = ctx.gauge(MTIME, 'Unixtime mtime of textfiles successfully read.', ['file']);
      for (const p of [...mtimes.keys()].sort(byName)) g.set(mtimes.get(p) as number, p);
    }
    ctx.gauge(SCRAPE_ERROR, '1 if there was an error opening or reading a file, 0 otherwise').set(errored ? 1 : 0);
  }
}

export const textfile: CollectorDefinition = {
  name: 'textfile',
  defaultEnabled: true,
  help: 'Exposes statistics read from local disk. The --collector.textfile.directory flag must be set.',
  flags: [{ name: DIR_FLAG, type: 'string', default: '', help: 'Directory to read text files with metrics from, supports glob matching.' }],
  create: (env) => new TextfileCollector(env),
};
