// --web.config.file: the exporter-toolkit YAML (TLS, basic auth, response headers) in, a typed and
// validated WebConfig out. parseWebConfig is pure (text in); loadWebConfig reads the file and the
// certificate/key/CA files it names and checks that TLS can actually be set up with them.
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { SecureVersion } from 'node:tls';
import { dirname, isAbsolute, join } from 'node:path';
import { tlsContextOptions } from './tlsServer.ts';
import { parseYamlDocument } from './yamlDocument.ts';

export class WebConfigError extends Error {}

/** Go's crypto/tls ClientAuthType names, as exporter-toolkit accepts them. */
export type ClientAuthType = 'NoClientCert' | 'RequestClientCert' | 'RequireAnyClientCert' | 'VerifyClientCertIfGiven' | 'RequireAndVerifyClientCert';

/** Where a PEM comes from: a file (path resolved against the config file's directory) or inline text. */
export type PemSource = { readonly file: string } | { readonly inline: string };

export interface TlsConfigSpec {
  readonly cert: PemSource;
  readonly key: PemSource;
  readonly clientCa: PemSource | undefined;
  readonly clientAuth: ClientAuthType;
  readonly minVersion: SecureVersion;
  readonly maxVersion: SecureVersion;
  /** OpenSSL cipher list made from Go cipher suite names, or undefined for Node's defaults. */
  readonly ciphers: string | undefined;
  /** OpenSSL curve list ("X25519:P-256"), or undefined for Node's defaults. */
  readonly ecdhCurve: string | undefined;
  readonly honorCipherOrder: boolean;
}

/** The parsed file, before any certificate is read. */
export interface WebConfigSpec {
  readonly tls: TlsConfigSpec | undefined;
  /** user -> bcrypt hash; empty: no authentication. */
  readonly users: ReadonlyMap<string, string>;
  readonly headers: Readonly<Record<string, string>>;
}

/** What the server needs for TLS: the spec's settings, with the PEM bytes read and checked. */
export interface TlsMaterial extends Omit<TlsConfigSpec, 'cert' | 'key' | 'clientCa'> {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly ca: Buffer | undefined;
}

export interface WebConfig {
  readonly tls: TlsMaterial | undefined;
  readonly users: ReadonlyMap<string, string>;
  readonly headers: Readonly<Record<string, string>>;
}

const CLIENT_AUTH: Readonly<Record<string, ClientAuthType>> = {
  '': 'NoClientCert',
  NoClientCert: 'NoClientCert',
  RequestClientCert: 'RequestClientCert',
  RequireAnyClientCert: 'RequireAnyClientCert',
  RequireClientCert: 'RequireAnyClientCert', // exporter-toolkit keeps this old name
  VerifyClientCertIfGiven: 'VerifyClientCertIfGiven',
  RequireAndVerifyClientCert: 'RequireAndVerifyClientCert',
};

const TLS_VERSIONS: Readonly<Record<string, SecureVersion>> = { TLS10: 'TLSv1', TLS11: 'TLSv1.1', TLS12: 'TLSv1.2', TLS13: 'TLSv1.3' };
const VERSION_ORDER: readonly SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** Go's tls.CipherSuites() names -> OpenSSL names (TLS 1.3 suites are not configurable in Go either). */
const CIPHERS: Readonly<Record<string, string>> = {
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 'ECDHE-ECDSA-AES128-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 'ECDHE-ECDSA-AES256-SHA',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 'ECDHE-RSA-AES128-SHA',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 'ECDHE-RSA-AES256-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE-RSA-AES128-GCM-SHA256',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE-RSA-AES256-GCM-SHA384',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305: 'ECDHE-RSA-CHACHA20-POLY1305',
};

const CURVES: Readonly<Record<string, string>> = { CurveP256: 'P-256', CurveP384: 'P-384', CurveP521: 'P-521', X25519: 'X25519' };

/** The headers exporter-toolkit lets a config set, with their allowed values (undefined: any value). */
const HEADERS: Readonly<Record<string, readonly string[] | undefined>> = {
  'Strict-Transport-Security': undefined,
  'X-Content-Type-Options': ['nosniff'],
  'X-Frame-Options': ['deny', 'sameorigin'],
  'X-XSS-Protection': undefined,
  'Content-Security-Policy': undefined,
};

const TLS_KEYS = ['cert', 'key', 'client_ca', 'cert_file', 'key_file', 'client_auth_type', 'client_ca_file', 'min_version', 'max_version', 'cipher_suites', 'prefer_server_cipher_suites', 'curve_preferences', 'client_allowed_sans'] as const;
const UNSUPPORTED: Readonly<Record<string, string>> = {
  'tls_server_config.client_allowed_sans': 'use client_ca_file with RequireAndVerifyClientCert and a CA that signs only the allowed clients',
  rate_limit: 'use --web.max-requests',
};

/** bcrypt as htpasswd -B, Go's x/crypto/bcrypt and bcryptjs write it: $2a$/$2b$/$2y$, cost 04-31, 53 characters of salt and hash. */
export const BCRYPT_HASH = /^\$2[aby]?\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;

type Yaml = Record<string, unknown>;

function isMap(v: unknown): v is Yaml {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a mapping' : `${typeof v} ${JSON.stringify(v)}`;
}

function mapAt(v: unknown, where: string): Yaml {
  if (v === undefined || v === null) return {};
  if (!isMap(v)) throw new WebConfigError(`${where}: want a mapping, got ${describe(v)}`);
  return v;
}

function checkKeys(m: Yaml, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(m)) {
    const path = where === '' ? k : `${where}.${k}`;
    if (!allowed.includes(k)) throw new WebConfigError(`${path}: unknown field (known: ${allowed.join(', ')})`);
    const hint = UNSUPPORTED[path];
    if (hint !== undefined && m[k] !== null && m[k] !== undefined) throw new WebConfigError(`${path} is not supported by this exporter; ${hint}`);
  }
}

function str(m: Yaml, k: string, where: string): string {
  const v = m[k];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new WebConfigError(`${where}.${k}: want a string, got ${describe(v)}`);
  return v;
}

function strList(m: Yaml, k: string, where: string): string[] {
  const v = m[k];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x): x is string => typeof x === 'string')) throw new WebConfigError(`${where}.${k}: want a list of strings`);
  return v;
}

function bool(m: Yaml, k: string, where: string, dflt: boolean): boolean {
  const v = m[k];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'boolean') throw new WebConfigError(`${where}.${k}: want true or false, got ${describe(v)}`);
  return v;
}

function version(m: Yaml, k: string, dflt: SecureVersion): SecureVersion {
  const s = str(m, k, 'tls_server_config');
  if (s === '') return dflt;
  const v = TLS_VERSIONS[s];
  if (v === undefined) throw new WebConfigError(`tls_server_config.${k}: unknown TLS version "${s}" (want one of ${Object.keys(TLS_VERSIONS).join(', ')})`);
  return v;
}

function pem(m: Yaml, inlineKey: string, fileKey: string, baseDir: string): PemSource | undefined {
  const inline = str(m, inlineKey, 'tls_server_config');
  const file = str(m, fileKey, 'tls_server_config');
  if (inline !== '' && file !== '') throw new WebConfigError(`tls_server_config: give only one of ${inlineKey} and ${fileKey}`);
  if (file !== '') return { file: isAbsolute(file) ? file : join(baseDir, file) };
  if (inline !== '') return { inline };
  return undefined;
}

function parseTls(raw: unknown, baseDir: string): TlsConfigSpec | undefined {
  const m = mapAt(raw, 'tls_server_config');
  checkKeys(m, TLS_KEYS, 'tls_server_config');
  const cert = pem(m, 'cert', 'cert_file', baseDir);
  const key = pem(m, 'key', 'key_file', baseDir);
  const clientCa = pem(m, 'client_ca', 'client_ca_file', baseDir);
  const authName = str(m, 'client_auth_type', 'tls_server_config');
  // exporter-toolkit turns TLS on when any of these is set, and then wants both a certificate and a key.
  if (cert === undefined && key === undefined && clientCa === undefined && authName === '') {
    const stray = Object.keys(m).filter((k) => m[k] !== null && m[k] !== undefined);
    if (stray.length > 0) throw new WebConfigError(`tls_server_config: ${stray.join(', ')} given without cert_file and key_file`);
    return undefined;
  }
  if (cert === undefined) throw new WebConfigError('tls_server_config: missing one of cert or cert_file');
  if (key === undefined) throw new WebConfigError('tls_server_config: missing one of key or key_file');
  const clientAuth = CLIENT_AUTH[authName];
  if (clientAuth === undefined) throw new WebConfigError(`tls_server_config.client_auth_type: unknown "${authName}" (want one of ${Object.keys(CLIENT_AUTH).filter((k) => k !== '').join(', ')})`);
  if (clientCa !== undefined && clientAuth === 'NoClientCert') throw new WebConfigError("tls_server_config: a client CA is configured but client_auth_type is NoClientCert; set client_auth_type: RequireAndVerifyClientCert");
  const minVersion = version(m, 'min_version', 'TLSv1.2');
  const maxVersion = version(m, 'max_version', 'TLSv1.3');
  if (VERSION_ORDER.indexOf(minVersion) > VERSION_ORDER.indexOf(maxVersion)) throw new WebConfigError('tls_server_config: min_version is above max_version');
  const ciphers = strList(m, 'cipher_suites', 'tls_server_config').map((name) => {
    const c = CIPHERS[name];
    if (c === undefined) throw new WebConfigError(`tls_server_config.cipher_suites: unknown or insecure cipher suite "${name}"`);
    return c;
  });
  const curves = strList(m, 'curve_preferences', 'tls_server_config').map((name) => {
    const c = CURVES[name];
    if (c === undefined) throw new WebConfigError(`tls_server_config.curve_preferences: unknown curve "${name}" (want one of ${Object.keys(CURVES).join(', ')})`);
    return c;
  });
  return {
    cert,
    key,
    clientCa,
    clientAuth,
    minVersion,
    maxVersion,
    ciphers: ciphers.length > 0 ? ciphers.join(':') : undefined,
    ecdhCurve: curves.length > 0 ? curves.join(':') : undefined,
    honorCipherOrder: bool(m, 'prefer_server_cipher_suites', 'tls_server_config', true),
  };
}

function parseUsers(raw: unknown): Map<string, string> {
  const m = mapAt(raw, 'basic_auth_users');
  const users = new Map<string, string>();
  for (const [user, hash] of Object.entries(m)) {
    if (typeof hash !== 'string' || !BCRYPT_HASH.test(hash)) {
      throw new WebConfigError(`basic_auth_users.${user}: not a bcrypt hash (want $2y$10$ and 53 characters, as made by htpasswd -nBC 10 "" | tr -d ':\\n')`);
    }
    if (user.includes(':')) throw new WebConfigError(`basic_auth_users: user name "${user}" contains ":", which basic auth cannot carry`);
    users.set(user, hash);
  }
  return users;
}

const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function parseHttp(raw: unknown): Record<string, string> {
  const m = mapAt(raw, 'http_server_config');
  checkKeys(m, ['http2', 'headers'], 'http_server_config');
  bool(m, 'http2', 'http_server_config', true); // accepted for compatibility; this server speaks HTTP/1.1 only
  const h = mapAt(m.headers, 'http_server_config.headers');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(h)) {
    if (!Object.prototype.hasOwnProperty.call(HEADERS, name)) throw new WebConfigError(`http_server_config.headers: header "${name}" cannot be configured (allowed: ${Object.keys(HEADERS).join(', ')})`);
    if (typeof value !== 'string') throw new WebConfigError(`http_server_config.headers.${name}: want a string, got ${describe(value)}`);
    const allowed = HEADERS[name];
    if (allowed !== undefined && !allowed.includes(value)) throw new WebConfigError(`http_server_config.headers.${name}: want one of ${allowed.join(', ')}, got "${value}"`);
    if (!HEADER_VALUE.test(value)) throw new WebConfigError(`http_server_config.headers.${name}: value contains control characters`);
    if (value !== '') headers[name] = value;
  }
  return headers;
}

/** Parses and validates the YAML text; relative file names are resolved against baseDir. No I/O. */
export function parseWebConfig(text: string, baseDir: string): WebConfigSpec {
  const doc = parseYamlDocument(text, (m) => new WebConfigError(m));
  const top = mapAt(doc, 'top level');
  checkKeys(top, ['tls_server_config', 'http_server_config', 'basic_auth_users', 'rate_limit'], '');
  return { tls: parseTls(top.tls_server_config, baseDir), users: parseUsers(top.basic_auth_users), headers: parseHttp(top.http_server_config) };
}

function readPem(src: PemSource, what: string): Buffer {
  if ('inline' in src) return Buffer.from(src.inline);
  try {
    return readFileSync(src.file);
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : String(err);
    throw new WebConfigError(`cannot read ${what} ${src.file}: ${code}`);
  }
}

/** Reads the certificate, key and CA a spec names and checks that they make a TLS context. */
export function loadTlsMaterial(spec: TlsConfigSpec): TlsMaterial {
  const cert = readPem(spec.cert, 'cert_file');
  const key = readPem(spec.key, 'key_file');
  const ca = spec.clientCa === undefined ? undefined : readPem(spec.clientCa, 'client_ca_file');
  if (ca !== undefined && !ca.toString('latin1').includes('-----BEGIN CERTIFICATE-----')) throw new WebConfigError('tls_server_config: the client CA holds no PEM certificate');
  const material: TlsMaterial = { cert, key, ca, clientAuth: spec.clientAuth, minVersion: spec.minVersion, maxVersion: spec.maxVersion, ciphers: spec.ciphers, ecdhCurve: spec.ecdhCurve, honorCipherOrder: spec.honorCipherOrder };
  try {
    createSecureContext(tlsContextOptions(material));
  } catch (err) {
    throw new WebConfigError(`tls_server_config: cannot use the certificate and key: ${err instanceof Error ? err.message : String(err)}`);
  }
  return material;
}

/** Reads and validates --web.config.file and everything it names. Throws WebConfigError with the file name in front. */
export function loadWebConfig(path: string): WebConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : String(err);
    throw new WebConfigError(`--web.config.file=${path}: cannot read: ${code}`);
  }
  try {
    const spec = parseWebConfig(text, dirname(path));
    return { tls: spec.tls === undefined ? undefined : loadTlsMaterial(spec.tls), users: spec.users, headers: spec.headers };
  } catch (err) {
    if (err instanceof WebConfigError) throw new WebConfigError(`--web.config.file=${path}: ${err.message}`);
    throw err;
  }
}
