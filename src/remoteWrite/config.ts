// --remote-write.config.file: Prometheus' own `global:` and `remote_write:` blocks in, a typed and
// validated RemoteWriteConfig out. Every file it names (passwords, tokens, certificates) is read here, at
// start-up and on SIGHUP, so that a bad one stops the exporter before it listens (exit 2), not at the
// first push.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { parseGoDuration } from '../goduration.ts';
import { parseYamlDocument } from '../yamlDocument.ts';

export class RemoteWriteConfigError extends Error {}

export interface TlsClientOptions {
  readonly ca: Buffer | undefined;
  readonly cert: Buffer | undefined;
  readonly key: Buffer | undefined;
  readonly servername: string | undefined;
  readonly rejectUnauthorized: boolean;
}

export interface QueueOptions {
  /** Most samples held for this receiver; beyond it the oldest pushes are dropped. */
  readonly capacity: number;
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  /** Whether a 429 is retried (Prometheus: retry_on_http_429, on by default since 2.x). */
  readonly retryOn429: boolean;
}

export interface ReceiverConfig {
  /** remote_name in the self-metrics and logs: `name`, or the URL's host and path. */
  readonly name: string;
  readonly url: URL;
  readonly timeoutMs: number;
  /** Extra request headers, Authorization (from basic_auth or authorization) included. */
  readonly headers: Readonly<Record<string, string>>;
  readonly tls: TlsClientOptions | undefined;
  readonly queue: QueueOptions;
  /** Milliseconds between metadata requests (type and help of every family); 0: metadata not sent. */
  readonly metadataIntervalMs: number;
}

export interface RemoteWriteConfig {
  /** How often one scrape is taken and pushed. */
  readonly intervalMs: number;
  /** Labels added to every series that does not have them, sorted by name. */
  readonly externalLabels: readonly (readonly [string, string])[];
  readonly receivers: readonly ReceiverConfig[];
}

/**
 * Default queue capacity in samples: one hour of pushes at the default 15 s interval (240 of them) of the
 * router fixture's ~1050 series (default collectors and the exporter's own metrics), with room to spare.
 */
export const DEFAULT_CAPACITY = 300_000;
export const DEFAULT_INTERVAL_MS = 15_000;

type Yaml = Record<string, unknown>;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Headers the exporter sets itself (Prometheus refuses the same list in `headers:`). */
const RESERVED_HEADERS = ['authorization', 'host', 'content-encoding', 'content-length', 'content-type', 'user-agent', 'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'www-authenticate', 'retry-after', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'x-prometheus-remote-write-version'];

function isMap(v: unknown): v is Yaml {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}

/** One YAML mapping being read, with the path to it for messages. */
class Fields {
  constructor(
    private readonly m: Yaml,
    readonly where: string,
    known: readonly string[],
  ) {
    for (const k of Object.keys(m)) {
      if (!known.includes(k)) throw new RemoteWriteConfigError(`${this.at(k)}: unknown field (known: ${known.join(', ')})`);
    }
  }

  static of(v: unknown, where: string, known: readonly string[]): Fields {
    if (v === undefined || v === null) return new Fields({}, where, known);
    if (!isMap(v)) throw new RemoteWriteConfigError(`${where}: want a mapping, got ${kindOf(v)}`);
    return new Fields(v, where, known);
  }

  at(k: string): string {
    return this.where === '' ? k : `${this.where}.${k}`;
  }

  has(k: string): boolean {
    return this.m[k] !== undefined && this.m[k] !== null;
  }

  raw(k: string): unknown {
    return this.m[k];
  }

  str(k: string): string {
    const v = this.m[k];
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') throw new RemoteWriteConfigError(`${this.at(k)}: want a string, got ${kindOf(v)}`);
    return v;
  }

  bool(k: string, dflt: boolean): boolean {
    const v = this.m[k];
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'boolean') throw new RemoteWriteConfigError(`${this.at(k)}: want true or false, got ${kindOf(v)}`);
    return v;
  }

  /** A Prometheus duration ("30s", "1m30s", "500ms") in milliseconds. */
  durationMs(k: string, dflt: number, min: number): number {
    const v = this.m[k];
    if (v === undefined || v === null) return dflt;
    let ms: number;
    try {
      if (typeof v !== 'string') throw new Error('not a string');
      ms = Math.round(parseGoDuration(v) * 1000);
    } catch {
      throw new RemoteWriteConfigError(`${this.at(k)}: want a duration such as 30s or 1m, got ${kindOf(v)}`);
    }
    if (ms < min) throw new RemoteWriteConfigError(`${this.at(k)}: ${v} is below the minimum of ${min} ms`);
    return ms;
  }

  count(k: string, dflt: number, min: number): number {
    const v = this.m[k];
    if (v === undefined || v === null) return dflt;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw new RemoteWriteConfigError(`${this.at(k)}: want a whole number >= ${min}, got ${kindOf(v)}`);
    return v;
  }

  stringMap(k: string): [string, string][] {
    const v = this.m[k];
    if (v === undefined || v === null) return [];
    if (!isMap(v)) throw new RemoteWriteConfigError(`${this.at(k)}: want a mapping, got ${kindOf(v)}`);
    return Object.entries(v).map(([name, value]) => {
      if (typeof value !== 'string') throw new RemoteWriteConfigError(`${this.at(k)}.${name}: want a string, got ${kindOf(value)}`);
      return [name, value];
    });
  }
}

/** Reads a file the config names; its name is resolved against the config file's directory. */
export type FileReader = (path: string) => Buffer;

function readNamed(read: FileReader, baseDir: string, file: string, where: string): Buffer {
  const path = isAbsolute(file) ? file : join(baseDir, file);
  try {
    return read(path);
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : String(err);
    throw new RemoteWriteConfigError(`${where}: cannot read ${path}: ${code}`);
  }
}

/** A secret given inline or in a file (whose trailing newline is not part of it, as in Prometheus). */
function secret(f: Fields, inlineKey: string, fileKey: string, read: FileReader, baseDir: string): string {
  const inline = f.str(inlineKey);
  const file = f.str(fileKey);
  if (inline !== '' && file !== '') throw new RemoteWriteConfigError(`${f.where}: give only one of ${inlineKey} and ${fileKey}`);
  if (file === '') return inline;
  return readNamed(read, baseDir, file, f.at(fileKey)).toString('utf8').trim();
}

function authorizationHeader(rw: Fields, read: FileReader, baseDir: string): string | undefined {
  if (rw.has('basic_auth') && rw.has('authorization')) throw new RemoteWriteConfigError(`${rw.where}: give only one of basic_auth and authorization`);
  if (rw.has('basic_auth')) {
    const b = Fields.of(rw.raw('basic_auth'), rw.at('basic_auth'), ['username', 'username_file', 'password', 'password_file']);
    const user = secret(b, 'username', 'username_file', read, baseDir);
    if (user === '') throw new RemoteWriteConfigError(`${b.where}: username is empty`);
    if (user.includes(':')) throw new RemoteWriteConfigError(`${b.where}: a username with ":" cannot be sent in basic auth`);
    const password = secret(b, 'password', 'password_file', read, baseDir);
    return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }
  if (rw.has('authorization')) {
    const a = Fields.of(rw.raw('authorization'), rw.at('authorization'), ['type', 'credentials', 'credentials_file']);
    const type = a.str('type') || 'Bearer';
    if (!HEADER_NAME.test(type)) throw new RemoteWriteConfigError(`${a.at('type')}: not a valid authorization scheme: "${type}"`);
    const credentials = secret(a, 'credentials', 'credentials_file', read, baseDir);
    if (credentials === '') throw new RemoteWriteConfigError(`${a.where}: credentials are empty`);
    return `${type} ${credentials}`;
  }
  return undefined;
}

function tlsOptions(rw: Fields, read: FileReader, baseDir: string): TlsClientOptions | undefined {
  if (!rw.has('tls_config')) return undefined;
  const t = Fields.of(rw.raw('tls_config'), rw.at('tls_config'), ['ca_file', 'cert_file', 'key_file', 'server_name', 'insecure_skip_verify']);
  const file = (k: string): Buffer | undefined => (t.str(k) === '' ? undefined : readNamed(read, baseDir, t.str(k), t.at(k)));
  const cert = file('cert_file');
  const key = file('key_file');
  if ((cert === undefined) !== (key === undefined)) throw new RemoteWriteConfigError(`${t.where}: give both cert_file and key_file, or neither`);
  return { ca: file('ca_file'), cert, key, servername: t.str('server_name') || undefined, rejectUnauthorized: !t.bool('insecure_skip_verify', false) };
}

function receiverName(url: URL): string {
  return `${url.host}${url.pathname}`;
}

function parseReceiver(raw: unknown, where: string, read: FileReader, baseDir: string): ReceiverConfig {
  const rw = Fields.of(raw, where, ['url', 'name', 'remote_timeout', 'headers', 'basic_auth', 'authorization', 'tls_config', 'queue_config', 'metadata_config']);
  const text = rw.str('url');
  if (text === '') throw new RemoteWriteConfigError(`${where}.url: missing`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RemoteWriteConfigError(`${where}.url: not a URL: "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RemoteWriteConfigError(`${where}.url: want http:// or https://, got "${text}"`);
  if (url.username !== '' || url.password !== '') throw new RemoteWriteConfigError(`${where}.url: put credentials in basic_auth, not in the URL`);
  const headers: Record<string, string> = {};
  for (const [name, value] of rw.stringMap('headers')) {
    if (!HEADER_NAME.test(name)) throw new RemoteWriteConfigError(`${where}.headers: "${name}" is not a valid header name`);
    if (RESERVED_HEADERS.includes(name.toLowerCase())) throw new RemoteWriteConfigError(`${where}.headers: ${name} is set by the exporter itself and cannot be configured`);
    if (!HEADER_VALUE.test(value)) throw new RemoteWriteConfigError(`${where}.headers.${name}: value contains control characters`);
    headers[name] = value;
  }
  const auth = authorizationHeader(rw, read, baseDir);
  if (auth !== undefined) headers.Authorization = auth;
  const q = Fields.of(rw.raw('queue_config'), rw.at('queue_config'), ['capacity', 'min_backoff', 'max_backoff', 'retry_on_http_429']);
  const minBackoffMs = q.durationMs('min_backoff', 30, 1);
  const maxBackoffMs = q.durationMs('max_backoff', 5_000, 1);
  if (maxBackoffMs < minBackoffMs) throw new RemoteWriteConfigError(`${q.where}: max_backoff is below min_backoff`);
  const md = Fields.of(rw.raw('metadata_config'), rw.at('metadata_config'), ['send', 'send_interval']);
  const sendMetadata = md.bool('send', true);
  return {
    name: rw.str('name') || receiverName(url),
    url,
    timeoutMs: rw.durationMs('remote_timeout', 30_000, 1),
    headers,
    tls: tlsOptions(rw, read, baseDir),
    queue: { capacity: q.count('capacity', DEFAULT_CAPACITY, 1), minBackoffMs, maxBackoffMs, retryOn429: q.bool('retry_on_http_429', true) },
    metadataIntervalMs: sendMetadata ? md.durationMs('send_interval', 60_000, 1) : 0,
  };
}

function parseExternalLabels(g: Fields, host: string): [string, string][] {
  const labels = new Map<string, string>([
    ['instance', host],
    ['job', 'node'],
  ]);
  for (const [name, value] of g.stringMap('external_labels')) {
    if (!LABEL_NAME.test(name) || name.startsWith('__')) throw new RemoteWriteConfigError(`${g.at('external_labels')}: "${name}" is not a valid label name`);
    labels.set(name, value);
  }
  // An empty value removes the label (an empty label is no label in Prometheus).
  return [...labels].filter(([, v]) => v !== '').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface ParseOptions {
  /** The default `instance` label: this machine's host name. */
  readonly hostname: string;
  readonly readFile: FileReader;
}

/** Parses and validates the YAML text and reads the files it names (relative to baseDir). */
export function parseRemoteWriteConfig(text: string, baseDir: string, opts: ParseOptions): RemoteWriteConfig {
  const doc = parseYamlDocument(text, (m) => new RemoteWriteConfigError(m));
  const top = Fields.of(doc, '', ['global', 'remote_write']);
  const g = Fields.of(top.raw('global'), 'global', ['scrape_interval', 'external_labels']);
  const list = top.raw('remote_write');
  if (!Array.isArray(list) || list.length === 0) throw new RemoteWriteConfigError('remote_write: want a list of at least one receiver (- url: ...)');
  const receivers = list.map((r, i) => parseReceiver(r, `remote_write[${i}]`, opts.readFile, baseDir));
  const names = new Set<string>();
  for (const r of receivers) {
    if (names.has(r.name)) throw new RemoteWriteConfigError(`remote_write: two receivers named "${r.name}"; give each a distinct name:`);
    names.add(r.name);
  }
  return { intervalMs: g.durationMs('scrape_interval', DEFAULT_INTERVAL_MS, 100), externalLabels: parseExternalLabels(g, opts.hostname), receivers };
}

/** Reads and validates --remote-write.config.file. Throws RemoteWriteConfigError with the flag and file in front. */
export function loadRemoteWriteConfig(path: string, host: string = hostname()): RemoteWriteConfig {
  const where = `--remote-write.config.file=${path}`;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : String(err);
    throw new RemoteWriteConfigError(`${where}: cannot read: ${code}`);
  }
  try {
    return parseRemoteWriteConfig(text, dirname(path), { hostname: host, readFile: (p) => readFileSync(p) });
  } catch (err) {
    if (err instanceof RemoteWriteConfigError) throw new RemoteWriteConfigError(`${where}: ${err.message}`);
    throw err;
  }
}
