// Runs fast-check over one fuzz target: damage files of a private copy of the router fixture, scrape
// the target's collectors in-process, and require that the scrape resolves, that no collector failed
// with a programming error (TypeError and friends: a parser that was not ready for the input), and that
// the exposition passes the project's validator and, on sampled cases, `promtool check metrics`.
// A failure's smallest case is written under test/fixtures/fuzz/ as a regression fixture.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import fc from 'fast-check';
import { FIXTURES, fixtureScraper, recordingLogger, ROOT } from '../helpers/scrape.ts';
import { validateExposition } from '../helpers/exposition.ts';
import { execFileSync } from 'node:child_process';
import { hasCommand, LINT_EXEMPT, promtoolFindings, TINY_COMPAT_EXEMPT } from '../helpers/tools.ts';
import type { Scraper } from '../../src/scrape.ts';
import { applyMutations, caseArb } from './mutate.ts';
import type { FuzzCase } from './mutate.ts';
import type { FuzzTarget } from './targets.ts';

/** Cases per target: FUZZ_RUNS (make fuzz: 10 000), small by default so `make test` stays quick. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 30);
/** Expositions checked by one promtool process: each case's names get their own prefix (fz<n>_), so
 * many expositions make one valid input and promtool's start-up cost is paid once per batch. */
export const PROMTOOL_BATCH = Number(process.env.FUZZ_PROMTOOL_BATCH ?? 250);
export const REGRESSIONS = join(ROOT, 'test', 'fixtures', 'fuzz');
const havePromtool = hasCommand('promtool');

/** Errors that mean a parser met input it was not written for, rather than rejecting it on purpose. */
export const PROGRAMMING_ERROR = /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|Invalid array length|Maximum call stack|Cannot convert|Cannot mix BigInt|Invalid time value|Unexpected end of JSON|out of memory/;

function allFiles(root: string, dir = root, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) allFiles(root, p, out);
    else if (e.isFile()) out.push(relative(root, p));
  }
  return out;
}

export interface Machine {
  readonly target: FuzzTarget;
  readonly root: string;
  readonly files: readonly string[];
  readonly renameable: readonly string[];
  readonly scraper: Scraper;
  readonly log: ReturnType<typeof recordingLogger>;
  remove(): void;
}

function copyRouter(): string {
  const root = mkdtempSync(join(tmpdir(), 'lte-fuzz-'));
  cpSync(join(FIXTURES, 'router'), root, { recursive: true, verbatimSymlinks: true });
  return root;
}

/** One copy per test file (worker): the cases of a file run one after the other and restore what they damage. */
let shared: string | undefined;

/** Removes the shared copy (afterAll of each fuzz test file). */
export function removeSharedMachine(): void {
  if (shared !== undefined) rmSync(shared, { recursive: true, force: true });
  shared = undefined;
}

/** A copy of the router fixture (shared, or fresh) and a scraper of the target's collectors on it. */
export function machineFor(target: FuzzTarget, fresh = false): Machine {
  const root = fresh ? copyRouter() : (shared ??= copyRouter());
  const files = allFiles(root).filter((f) => target.files.test(f)).sort();
  if (files.length === 0) throw new Error(`${target.name}: no fixture file matches ${target.files}`);
  const renameable = (target.renameIn ?? []).flatMap((d) => readdirSync(join(root, d)).sort().map((e) => join(d, e)));
  const log = recordingLogger();
  const flags = (target.flags ?? []).map((f) => f.replace('=TEXTFILE', `=${join(root, 'textfile')}`).replace('=ROOT/', `=${root}/`));
  const scraper = fixtureScraper([`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, `--path.rootfs=${root}`, '--collector.disable-defaults', ...target.collectors.map((c) => `--collector.${c}`), ...flags], log);
  return { target, root, files, renameable, scraper, log, remove: () => (fresh ? rmSync(root, { recursive: true, force: true }) : undefined) };
}

export interface Applied {
  /** Damaged files: relative path -> content written. */
  readonly written: ReadonlyMap<string, Buffer>;
  readonly renamed: { readonly from: string; readonly to: string } | undefined;
}

/** Writes a case into the machine; returns what was changed, for restore() and for the regression record. */
export function applyCase(m: Machine, c: FuzzCase): Applied {
  const written = new Map<string, Buffer>();
  for (const d of c.damage) {
    const file = m.files[d.file % m.files.length]!;
    const current = (written.get(file) ?? readFileSync(join(m.root, file))).toString('latin1');
    const next = Buffer.from(applyMutations(current, d.mutations), 'latin1');
    written.set(file, next);
    writeFileSync(join(m.root, file), next);
  }
  let renamed: Applied['renamed'];
  if (c.rename !== undefined && m.renameable.length > 0) {
    const from = m.renameable[c.rename.entry % m.renameable.length]!;
    const to = join(dirname(from), c.rename.name);
    if (!existsSync(join(m.root, to))) {
      renameSync(join(m.root, from), join(m.root, to));
      renamed = { from, to };
    }
  }
  return { written, renamed };
}

export function restore(m: Machine, a: Applied): void {
  if (a.renamed) renameSync(join(m.root, a.renamed.to), join(m.root, a.renamed.from));
  for (const f of a.written.keys()) writeFileSync(join(m.root, f), readFileSync(join(FIXTURES, 'router', f)));
}

/** Scrapes and returns the problems found (empty: the case passed) and the exposition. */
export async function check(m: Machine, withPromtool: boolean): Promise<{ problems: string[]; text: string }> {
  m.log.lines.length = 0;
  let text: string;
  try {
    text = await m.scraper.scrape();
  } catch (err) {
    return { problems: [`scrape rejected: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`], text: '' };
  }
  const problems = validateExposition(text, { allowNaN: m.target.allowNaN === true }).map((f) => `validator: ${f}`);
  for (const l of m.log.lines) if (PROGRAMMING_ERROR.test(l)) problems.push(`programming error: ${l}`);
  if (withPromtool && havePromtool) for (const f of relevant(m.target, promtoolFindings(text))) problems.push(`promtool: ${f}`);
  return { problems, text };
}

/**
 * promtool's findings that count for a target: all of them, or for targets whose metric names come from
 * the file itself (vmstat fields, sockstat protocols, textfile families) only parse errors: a damaged
 * file may well name a field "b" or "x_total", which promtool's naming lint flags, as it would for
 * node_exporter reading the same file.
 */
function relevant(target: FuzzTarget, findings: readonly string[]): string[] {
  return target.dynamicNames ? findings.filter((f) => /parsing error|parse/i.test(f)) : [...findings];
}

/** Gives every metric name of an exposition the prefix p (sample lines and HELP/TYPE lines). */
function prefixNames(text: string, p: string): string {
  return text.replace(/^(# (?:HELP|TYPE) )?(?=[a-zA-Z_:])/gm, (_m, head: string | undefined) => `${head ?? ''}${p}`);
}

function runPromtool(input: string): string {
  try {
    return execFileSync('promtool', ['check', 'metrics'], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

/**
 * promtool findings for many expositions at once, per exposition index (exempt lint findings dropped).
 * Lint findings name the metric (so the fz<n>_ prefix says whose); a parse error gives a line number and
 * stops promtool, so the run is repeated without the broken exposition.
 */
export function promtoolBatch(texts: readonly string[]): Map<number, string[]> {
  const byCase = new Map<number, string[]>();
  const add = (i: number, f: string) => byCase.set(i, [...(byCase.get(i) ?? []), f]);
  let pending = texts.map((_, i) => i);
  while (pending.length > 0) {
    const parts = pending.map((i) => {
      const t = texts[i]!;
      return prefixNames(t.endsWith('\n') || t === '' ? t : `${t}\n`, `fz${i}_`);
    });
    const firstLine: number[] = [];
    let line = 1;
    for (const p of parts) {
      firstLine.push(line);
      line += p.split('\n').length - 1;
    }
    const out = runPromtool(parts.join(''));
    const parseError = /parsing error in line (\d+)/.exec(out);
    if (parseError) {
      const l = Number(parseError[1]);
      let k = firstLine.length - 1;
      while (k > 0 && firstLine[k]! > l) k--;
      add(pending[k]!, out.trim().replace(/fz\d+_/g, '').replace(/line \d+/, `line ${l - firstLine[k]! + 1}`));
      pending = pending.filter((_, j) => j !== k);
      continue;
    }
    for (const raw of out.split('\n')) {
      const f = raw.trim();
      if (f === '') continue;
      const plain = f.replace(/fz\d+_/g, '');
      if (LINT_EXEMPT.test(plain) || TINY_COMPAT_EXEMPT.has(plain)) continue;
      const m = /fz(\d+)_/.exec(f);
      add(m ? Number(m[1]) : -1, plain);
    }
    break;
  }
  return byCase;
}

function saveRegression(target: FuzzTarget, a: Applied, problems: readonly string[], seed: number): string {
  const h = createHash('sha256');
  for (const [f, b] of a.written) h.update(f).update(b);
  h.update(JSON.stringify(a.renamed ?? null));
  const dir = join(REGRESSIONS, target.name.replace(/[^A-Za-z0-9]+/g, '_'), h.digest('hex').slice(0, 10));
  mkdirSync(join(dir, 'tree'), { recursive: true });
  for (const [f, b] of a.written) {
    mkdirSync(dirname(join(dir, 'tree', f)), { recursive: true });
    writeFileSync(join(dir, 'tree', f), b);
  }
  writeFileSync(join(dir, 'case.json'), JSON.stringify({ target: target.name, seed, renamed: a.renamed ?? null, files: [...a.written.keys()], problems }, null, 2) + '\n');
  return dir;
}

export interface FuzzReport {
  readonly runs: number;
  /** Cases whose exposition promtool checked (every case when promtool is installed). */
  readonly promtoolChecked: number;
  readonly failedCollectorScrapes: number;
}

/** Runs the target's property FUZZ_RUNS times; throws fast-check's report (seed, path, smallest case) on failure. */
export async function fuzzTarget(target: FuzzTarget, runs: number = FUZZ_RUNS): Promise<FuzzReport> {
  const m = machineFor(target);
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  let n = 0;
  let promtoolChecked = 0;
  let failedCollectorScrapes = 0;
  let smallest: { applied: Applied; problems: string[] } | undefined;
  // Expositions waiting for promtool, with the case that made them; promtool's findings come after
  // fast-check is done (no shrinking for them: the case is kept as it was).
  let queue: { applied: Applied; text: string }[] = [];
  const promtoolFailures: { applied: Applied; problems: string[] }[] = [];
  const flush = () => {
    if (!havePromtool || queue.length === 0) return;
    const found = promtoolBatch(queue.map((q) => q.text));
    promtoolChecked += queue.length;
    for (const [i, all] of found) {
      const f = relevant(target, all);
      if (f.length === 0) continue;
      const q = queue[i];
      promtoolFailures.push({ applied: q?.applied ?? { written: new Map(), renamed: undefined }, problems: f.map((x) => `promtool: ${x}`) });
    }
    queue = [];
  };
  try {
    await fc.assert(
      fc.asyncProperty(caseArb(m.renameable.length > 0), async (c) => {
        const applied = applyCase(m, c);
        n++;
        let result: { problems: string[]; text: string };
        try {
          result = await check(m, false);
          if (m.log.lines.some((l) => l.includes('collector failed'))) failedCollectorScrapes++;
        } finally {
          restore(m, applied);
        }
        if (result.problems.length > 0) {
          smallest = { applied, problems: result.problems };
          throw new Error(result.problems.slice(0, 5).join('\n'));
        }
        queue.push({ applied, text: result.text });
        if (queue.length >= PROMTOOL_BATCH) flush();
      }),
      { numRuns: runs, seed, timeout: 10_000 },
    );
    flush();
    if (promtoolFailures.length > 0) {
      const dirs = promtoolFailures.slice(0, 5).map((f) => relative(ROOT, saveRegression(target, f.applied, f.problems, seed)));
      throw new Error(`${target.name}: ${promtoolFailures.length} case(s) failed promtool (seed ${seed}); regression fixtures: ${dirs.join(', ')}\n${promtoolFailures[0]!.problems.slice(0, 5).join('\n')}`);
    }
  } catch (err) {
    if (smallest) {
      const dir = saveRegression(target, smallest.applied, smallest.problems, seed);
      throw new Error(`${target.name}: regression fixture written to ${relative(ROOT, dir)}\n${smallest.problems.slice(0, 5).join('\n')}\n${err instanceof Error ? err.message : String(err)}`);
    }
    throw err;
  } finally {
    m.remove();
  }
  return { runs: n, promtoolChecked, failedCollectorScrapes };
}

/** The regression fixtures kept under test/fixtures/fuzz/<target>/<id>/. */
export function regressionCases(): { dir: string; target: string; renamed: { from: string; to: string } | null; files: string[] }[] {
  if (!existsSync(REGRESSIONS)) return [];
  const out = [];
  for (const t of readdirSync(REGRESSIONS)) {
    if (!lstatSync(join(REGRESSIONS, t)).isDirectory()) continue;
    for (const id of readdirSync(join(REGRESSIONS, t))) {
      const dir = join(REGRESSIONS, t, id);
      if (!existsSync(join(dir, 'case.json'))) continue;
      const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { target: string; renamed: { from: string; to: string } | null; files: string[] };
      out.push({ dir, ...c });
    }
  }
  return out;
}
