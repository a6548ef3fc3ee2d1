// Command line: node_exporter-style flags in, a validated Config out. Pure except for the path checks in checkPaths().
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CollectorDefinition, FlagDefinition, FlagValues } from './collector.ts';
import type { Paths } from './kernel/kernelFs.ts';
import { parseGoDuration } from './goduration.ts';
import type { LogFormat, LogLevel } from './log.ts';
import { LOG_FORMATS, LOG_LEVELS } from './log.ts';

export class UsageError extends Error {}

export interface ListenAddress {
  /** undefined: every address (":9101"). */
  readonly host: string | undefined;
  readonly port: number;
}

export interface Config {
  readonly listen: readonly ListenAddress[];
  readonly telemetryPath: string;
  readonly maxRequests: number;
  /** --web.config.file (TLS, basic auth, headers), or undefined when not given; read by webConfig.ts. */
  readonly webConfigFile: string | undefined;
  /** --remote-write.config.file (push to Prometheus remote-write receivers), or undefined; read by remoteWrite/config.ts. */
  readonly remoteWriteConfigFile: string | undefined;
  readonly disableExporterMetrics: boolean;
  readonly paths: Paths;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  readonly compatTiny: boolean;
  /** --web.scrape-timeout in seconds: a scrape's deadline when the request has no X-Prometheus-Scrape-Timeout-Seconds. */
  readonly scrapeTimeoutSeconds: number;
  /** Names of the enabled collectors, in registry order. */
  readonly collectors: readonly string[];
  readonly flags: FlagValues;
}

export type CliResult = { readonly kind: 'run'; readonly config: Config } | { readonly kind: 'help' } | { readonly kind: 'version' };

const GLOBAL_FLAGS: readonly FlagDefinition[] = [
  { name: 'web.listen-address', type: 'string', default: ':9101', help: 'Addresses on which to expose metrics and web interface. Repeatable for multiple addresses. Examples: `:9101`, `127.0.0.1:9101`, `[::1]:9101`.' },
  { name: 'web.telemetry-path', type: 'string', default: '/metrics', help: 'Path under which to expose metrics.' },
  { name: 'web.max-requests', type: 'string', default: '40', help: 'Maximum number of parallel scrape requests. Use 0 to disable.' },
  { name: 'web.config.file', type: 'string', default: '', help: 'Path to a configuration file that can enable TLS or authentication (exporter-toolkit format). Re-read on SIGHUP. See SECURITY.md.' },
  { name: 'remote-write.config.file', type: 'string', default: '', help: "Path to a file of remote-write receivers (Prometheus' global: and remote_write: blocks) to push every scrape interval, for machines behind NAT. Re-read on SIGHUP. See README \"Push (remote write)\"." },
  { name: 'web.scrape-timeout', type: 'duration', default: '9.5s', help: "How long a scrape may take when Prometheus does not say (its X-Prometheus-Scrape-Timeout-Seconds header, less 0.5s, wins): a collector still running then reports node_scrape_collector_success 0 and the rest is served." },
  { name: 'web.disable-exporter-metrics', type: 'boolean', default: false, help: 'Exclude metrics about the exporter itself (process_*, nodejs_*).' },
  { name: 'path.procfs', type: 'string', default: '/proc', help: 'procfs mountpoint.' },
  { name: 'path.sysfs', type: 'string', default: '/sys', help: 'sysfs mountpoint.' },
  { name: 'path.rootfs', type: 'string', default: '/', help: 'rootfs mountpoint.' },
  { name: 'collector.disable-defaults', type: 'boolean', default: false, help: 'Set all collectors to disabled by default.' },
  { name: 'compat.tiny', type: 'boolean', default: false, help: "Also serve the original Go exporter's metrics (net_*_diff, cpu_*, diskio_*, mem_*, cpu_temperature_celsius)." },
  { name: 'log.level', type: 'string', default: 'info', help: `Only log messages with the given severity or above. One of: [${LOG_LEVELS.join(', ')}]` },
  { name: 'log.format', type: 'string', default: 'logfmt', help: `Output format of log messages. One of: [${LOG_FORMATS.join(', ')}]` },
];

export function parseListenAddress(text: string): ListenAddress {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || !Number.isInteger(port) || port > 65535) {
    throw new UsageError(`invalid --web.listen-address "${text}": want host:port, [ipv6]:port or :port with a port from 0 to 65535`);
  }
  const host = m[1] ?? m[2];
  return { host: host === '' || host === undefined ? undefined : host, port };
}

/** Compiles a Go-style regular expression flag; a leading (?i) becomes JavaScript's i flag. */
export function compileRegex(flag: string, source: string): RegExp {
  let src = source;
  let flags = '';
  if (src.startsWith('(?i)')) {
    src = src.slice(4);
    flags = 'i';
  }
  try {
    return new RegExp(src, flags);
  } catch (err) {
    throw new UsageError(`invalid regular expression for --${flag}: ${(err as Error).message}`);
  }
}

function allFlags(defs: readonly CollectorDefinition[]): FlagDefinition[] {
  const out = [...GLOBAL_FLAGS];
  for (const d of defs) {
    out.push({ name: `collector.${d.name}`, type: 'boolean', default: d.defaultEnabled, help: `Enable the ${d.name} collector (default: ${d.defaultEnabled ? 'enabled' : 'disabled'}). ${d.help}` });
    for (const f of d.flags ?? []) out.push(f);
  }
  return out;
}

export function helpText(program: string, defs: readonly CollectorDefinition[]): string {
  const lines = [`usage: ${program} [<flags>]`, '', 'Prometheus exporter for Linux routers and edge machines (node_exporter-compatible metrics).', '', 'Flags:', '  -h, --help     Show this help and exit.', '      --version  Show the version and exit.'];
  for (const f of allFlags(defs)) {
    const name = f.type === 'boolean' ? `--[no-]${f.name}` : f.type === 'strings' ? `--${f.name}=<value> ...` : `--${f.name}=<value>`;
    const def = f.default === undefined || f.default === '' || f.type === 'boolean' ? '' : ` (default: ${String(f.default)})`;
    lines.push(`      ${name}`, `          ${f.help}${def}`);
  }
  return lines.join('\n') + '\n';
}

export function parseCli(argv: readonly string[], defs: readonly CollectorDefinition[]): CliResult {
  const flagDefs = allFlags(defs);
  const byName = new Map(flagDefs.map((f) => [f.name, f]));
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean' },
  };
  for (const f of flagDefs) {
    if (f.type === 'boolean') {
      options[f.name] = { type: 'boolean' };
      options[`no-${f.name}`] = { type: 'boolean' };
    } else {
      options[f.name] = { type: 'string', multiple: true };
    }
  }

  let tokens;
  try {
    ({ tokens } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false, tokens: true }));
  } catch (err) {
    const msg = (err as Error).message.split('\n')[0] ?? String(err);
    throw new UsageError(msg.replace(/\. To specify a positional argument.*$/, ''));
  }

  // Later flags win, as with kingpin: walk the tokens in order.
  const strings = new Map<string, string[]>();
  const bools = new Map<string, boolean>();
  let help = false;
  let version = false;
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    if (t.name === 'help') help = true;
    else if (t.name === 'version') version = true;
    else if (t.name.startsWith('no-') && byName.get(t.name.slice(3))?.type === 'boolean') bools.set(t.name.slice(3), false);
    else if (byName.get(t.name)?.type === 'boolean') bools.set(t.name, true);
    else {
      const list = strings.get(t.name) ?? [];
      list.push(t.value ?? '');
      strings.set(t.name, list);
    }
  }
  if (help) return { kind: 'help' };
  if (version) return { kind: 'version' };

  const str = (name: string): string | undefined => {
    const given = strings.get(name);
    if (given && given.length > 0) return given[given.length - 1];
    const d = byName.get(name)?.default;
    return typeof d === 'string' ? d : undefined;
  };
  const bool = (name: string): boolean => bools.get(name) ?? byName.get(name)?.default === true;
  const repeated = (name: string): readonly string[] => (byName.get(name)?.type === 'strings' ? (strings.get(name) ?? []) : []);

  const regexes = new Map<string, RegExp | undefined>();
  for (const f of flagDefs) {
    if (f.type !== 'regex') continue;
    const src = str(f.name);
    regexes.set(f.name, src === undefined || src === '' ? undefined : compileRegex(f.name, src));
  }

  const durations = new Map<string, number | undefined>();
  for (const f of flagDefs) {
    if (f.type !== 'duration') continue;
    const text = str(f.name);
    if (text === undefined || text === '') {
      durations.set(f.name, undefined);
      continue;
    }
    let seconds: number;
    try {
      seconds = parseGoDuration(text);
    } catch {
      throw new UsageError(`invalid --${f.name} "${text}": want a duration such as 30s, 1m30s or 250ms`);
    }
    durations.set(f.name, seconds);
  }
  const scrapeTimeoutSeconds = durations.get('web.scrape-timeout') ?? 9.5;
  if (!(scrapeTimeoutSeconds > 0)) throw new UsageError('invalid --web.scrape-timeout: must be longer than 0s');

  const listen = (strings.get('web.listen-address') ?? [':9101']).map(parseListenAddress);

  const maxRaw = str('web.max-requests') ?? '40';
  const maxRequests = Number(maxRaw);
  if (!/^\d+$/.test(maxRaw) || !Number.isSafeInteger(maxRequests)) throw new UsageError(`invalid --web.max-requests "${maxRaw}": want a whole number >= 0`);

  const telemetryPath = str('web.telemetry-path') ?? '/metrics';
  if (!telemetryPath.startsWith('/')) throw new UsageError(`invalid --web.telemetry-path "${telemetryPath}": must start with /`);

  const logLevel = str('log.level') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new UsageError(`invalid --log.level "${logLevel}": want one of ${LOG_LEVELS.join(', ')}`);
  const logFormat = str('log.format') as LogFormat;
  if (!LOG_FORMATS.includes(logFormat)) throw new UsageError(`invalid --log.format "${logFormat}": want one of ${LOG_FORMATS.join(', ')}`);

  const disableDefaults = bool('collector.disable-defaults');
  const collectors = defs
    .filter((d) => {
      const explicit = bools.get(`collector.${d.name}`);
      return explicit ?? (disableDefaults ? false : d.defaultEnabled);
    })
    .map((d) => d.name);

  const config: Config = {
    listen,
    telemetryPath,
    maxRequests,
    webConfigFile: str('web.config.file') || undefined,
    remoteWriteConfigFile: str('remote-write.config.file') || undefined,
    disableExporterMetrics: bool('web.disable-exporter-metrics'),
    paths: { procfs: str('path.procfs') ?? '/proc', sysfs: str('path.sysfs') ?? '/sys', rootfs: str('path.rootfs') ?? '/' },
    logLevel,
    logFormat,
    compatTiny: bool('compat.tiny'),
    scrapeTimeoutSeconds,
    collectors,
    flags: { string: str, strings: repeated, boolean: bool, regex: (name) => regexes.get(name), duration: (name) => durations.get(name) },
  };
  return { kind: 'run', config };
}

/** The one piece of start-up validation that looks at the machine: the configured roots must be directories. */
export function checkPaths(paths: Paths): void {
  for (const [flag, dir] of [['path.procfs', paths.procfs], ['path.sysfs', paths.sysfs], ['path.rootfs', paths.rootfs]] as const) {
    let problem: string | undefined;
    try {
      if (!statSync(dir).isDirectory()) problem = 'not a directory';
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      // Deno without --allow-all reports /proc and /sys as not permitted (NotCapable), not as missing.
      const denied = code === 'EACCES' || code === 'EPERM' || (err instanceof Error && /NotCapable|PermissionDenied|Requires .* access/.test(`${err.name} ${err.message}`));
      problem = denied ? 'not allowed to read it (under Deno, run with -A)' : 'no such directory';
    }
    if (problem !== undefined) throw new UsageError(`--${flag}=${dir}: ${problem}`);
  }
}
