// The project's own exposition validator: the Prometheus text format 0.0.4, read strictly. It checks
// what promtool's parser checks (syntax, escaping, TYPE before samples, no repeated HELP/TYPE) and what a
// scrape would only show later as a Prometheus error: duplicate series and a family's samples split up.
// Returns findings as strings; an empty list means the exposition is valid.

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** A sample value as the text format spells it: a decimal float, `+Inf`, `-Inf` (NaN is checked apart, as `NaN`). */
export const FLOAT = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]Inf)$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export interface ValidateOptions {
  /** Whether a NaN sample value is a finding (the project never makes NaN out of bad input). */
  readonly allowNaN?: boolean;
}

/** Parses `{a="x",b="y"}` starting at text[i] === '{'; returns labels and the index after '}', or an error. */
function parseLabels(line: string, start: number): { labels: [string, string][]; end: number } | string {
  const labels: [string, string][] = [];
  let i = start + 1;
  for (;;) {
    if (line[i] === '}') return { labels, end: i + 1 };
    const nameMatch = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(line.slice(i));
    if (!nameMatch) return `bad label name at column ${i + 1}`;
    const name = nameMatch[0];
    i += name.length;
    if (line[i] !== '=' || line[i + 1] !== '"') return `label ${name}: want ="`;
    i += 2;
    let value = '';
    for (;;) {
      const c = line[i];
      if (c === undefined) return `label ${name}: unterminated value`;
      if (c === '"') break;
      if (c === '\\') {
        const e = line[i + 1];
        if (e === '\\') value += '\\';
        else if (e === '"') value += '"';
        else if (e === 'n') value += '\n';
        else return `label ${name}: invalid escape \\${e ?? ''}`;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    i++;
    labels.push([name, value]);
    if (line[i] === ',') i++;
    else if (line[i] !== '}') return `label ${name}: want , or } after the value`;
  }
}

function familyOf(name: string, types: ReadonlyMap<string, string>): string {
  if (types.has(name)) return name;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (name.endsWith(suffix)) {
      const base = name.slice(0, -suffix.length);
      const t = types.get(base);
      if (t === 'histogram' || (t === 'summary' && suffix !== '_bucket')) return base;
    }
  }
  return name;
}

export function validateExposition(text: string, opts: ValidateOptions = {}): string[] {
  const findings: string[] = [];
  if (text !== '' && !text.endsWith('\n')) findings.push('exposition does not end with a newline');
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const seenFamilies = new Set<string>();
  const sampled = new Set<string>();
  const series = new Set<string>();
  let current: string | undefined;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, idx) => {
    const at = `line ${idx + 1}`;
    const enter = (family: string) => {
      if (family !== current) {
        if (seenFamilies.has(family)) findings.push(`${at}: samples of ${family} are not together`);
        seenFamilies.add(family);
        current = family;
      }
    };
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+)(?: (.*))?$/.exec(line);
      if (!m) return; // a plain comment
      const [, kind, name, rest = ''] = m as unknown as [string, string, string, string | undefined];
      if (!METRIC_NAME.test(name)) findings.push(`${at}: bad metric name in ${kind}: ${JSON.stringify(name)}`);
      if (kind === 'HELP') {
        if (helps.has(name)) findings.push(`${at}: second HELP for ${name}`);
        helps.add(name);
        // Escapes are read left to right: in `\\"` the first backslash escapes the second.
        if (!/^(?:[^\\]|\\[\\n])*$/.test(rest)) findings.push(`${at}: invalid escape in HELP of ${name}`);
      } else {
        if (types.has(name)) findings.push(`${at}: second TYPE for ${name}`);
        if (!TYPES.has(rest)) findings.push(`${at}: unknown type ${JSON.stringify(rest)} for ${name}`);
        if (sampled.has(name)) findings.push(`${at}: TYPE for ${name} after its samples`);
        types.set(name, rest);
      }
      enter(name);
      return;
    }
    if (line === '') return; // blank lines are allowed (prom-client writes one between families)
    if (line.trim() === '') {
      findings.push(`${at}: line of only whitespace`);
      return;
    }
    const nameMatch = /^[^{\s]+/.exec(line);
    const name = nameMatch?.[0] ?? '';
    if (!METRIC_NAME.test(name)) {
      findings.push(`${at}: bad metric name ${JSON.stringify(name)}`);
      return;
    }
    let i = name.length;
    let labels: [string, string][] = [];
    if (line[i] === '{') {
      const parsed = parseLabels(line, i);
      if (typeof parsed === 'string') {
        findings.push(`${at}: ${name}: ${parsed}`);
        return;
      }
      labels = parsed.labels;
      i = parsed.end;
    }
    const names = labels.map(([n]) => n);
    if (new Set(names).size !== names.length) findings.push(`${at}: ${name}: repeated label name`);
    for (const n of names) if (!LABEL_NAME.test(n) || n.startsWith('__')) findings.push(`${at}: ${name}: bad label name ${n}`);
    const rest = line.slice(i);
    const vm = /^ (\S+)(?: (-?\d+))?$/.exec(rest);
    if (!vm) {
      findings.push(`${at}: ${name}: want " value [timestamp]" after the labels, got ${JSON.stringify(rest)}`);
      return;
    }
    const value = vm[1]!;
    if (value === 'NaN') {
      if (!opts.allowNaN) findings.push(`${at}: ${name}: NaN value`);
    } else if (!FLOAT.test(value)) findings.push(`${at}: ${name}: bad value ${JSON.stringify(value)}`);
    const family = familyOf(name, types);
    enter(family);
    sampled.add(family);
    const t = types.get(family);
    if (t === 'histogram' && name.endsWith('_bucket') && !names.includes('le')) findings.push(`${at}: ${name}: bucket without le`);
    const key = `${name}{${[...labels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(',')}}`;
    if (series.has(key)) findings.push(`${at}: duplicate series ${key}`);
    series.add(key);
  });
  return findings;
}
