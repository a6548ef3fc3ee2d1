// --web.config.file parsing and validation: exporter-toolkit's format, clear errors for bad files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashSync } from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasicAuth, parseBasicAuth } from '../../src/basicAuth.ts';
import { loadWebConfig, parseWebConfig, WebConfigError } from '../../src/webConfig.ts';
import { makePki, opensslAvailable } from './certs.ts';
import type { TestPki } from './certs.ts';

const HASH = hashSync('s3cret', 4); // $2b$04$...
const HASH_Y = HASH.replace(/^\$2b\$/, '$2y$'); // htpasswd -B writes $2y$, the same algorithm

describe('parseWebConfig', () => {
  it('reads users, headers and TLS settings; relative files are under the config file directory', () => {
    const spec = parseWebConfig(
      `tls_server_config:
  cert_file: server.crt
  key_file: /etc/keys/server.key
  client_auth_type: RequireAndVerifyClientCert
  client_ca_file: ca.crt
  min_version: TLS13
  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]
  curve_preferences: [X25519, CurveP256]
http_server_config:
  http2: false
  headers:
    X-Frame-Options: deny
    Strict-Transport-Security: max-age=31536000
    Content-Security-Policy: ""
basic_auth_users:
  alice: ${HASH_Y}
`,
      '/etc/lte',
    );
    expect(spec.tls).toEqual({
      cert: { file: '/etc/lte/server.crt' },
      key: { file: '/etc/keys/server.key' },
      clientCa: { file: '/etc/lte/ca.crt' },
      clientAuth: 'RequireAndVerifyClientCert',
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256',
      ecdhCurve: 'X25519:P-256',
      honorCipherOrder: true,
    });
    expect([...spec.users]).toEqual([['alice', HASH_Y]]);
    expect(spec.headers).toEqual({ 'X-Frame-Options': 'deny', 'Strict-Transport-Security': 'max-age=31536000' });
  });

  it('accepts an empty file and a file with only users (plain HTTP with auth)', () => {
    expect(parseWebConfig('', '/')).toEqual({ tls: undefined, users: new Map(), headers: {} });
    expect(parseWebConfig('# nothing\n', '/').tls).toBeUndefined();
    const spec = parseWebConfig(`basic_auth_users:\n  prometheus: "${HASH}"\n`, '/');
    expect(spec.tls).toBeUndefined();
    expect(spec.users.get('prometheus')).toBe(HASH);
  });

  it.each([
    ['tls_server_config: [\n', /not valid YAML/],
    ['- a\n- b\n', /top level: want a mapping, got a list/],
    ['tls_config: {}\n', /tls_config: unknown field/],
    ['tls_server_config:\n  cert_file: a.crt\n', /missing one of key or key_file/],
    ['tls_server_config:\n  key_file: a.key\n', /missing one of cert or cert_file/],
    ['tls_server_config:\n  cert_file: a\n  key_file: b\n  certfile: c\n', /tls_server_config.certfile: unknown field/],
    ['tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: Maybe\n', /client_auth_type: unknown "Maybe"/],
    ['tls_server_config:\n  cert_file: a\n  key_file: b\n  client_ca_file: ca\n', /client CA is configured but client_auth_type is NoClientCert/],
    ['tls_server_config:\n  cert_file: a\n  key_file: b\n  min_version: TLS9\n', /unknown TLS version "TLS9"/],
    ['tls_server_config:\n  cert_file: a\n  key_file: b\n  min_version: TLS13\n  max_version: TLS12\n', /min_version is above max_version/],
    ['tls_server_config:\n  cert_file: a\n  key_file: b\n  cipher_suites: [TLS_RSA_WITH_RC4_128_SHA]\n', /unknown or insecure cipher suite/],
    ['tls_server_config:\n  cert_file: a\n  key_file: b\n  curve_preferences: [P-256]\n', /unknown curve "P-256"/],
    ['tls_server_config:\n  cert_file: a\n  cert: inline\n  key_file: b\n', /only one of cert and cert_file/],
    ['tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: RequireAnyClientCert\n  client_allowed_sans: [x]\n', /client_allowed_sans is not supported/],
    ['tls_server_config:\n  min_version: TLS13\n', /min_version given without cert_file and key_file/],
    ['tls_server_config:\n  cert_file: 12\n  key_file: b\n', /cert_file: want a string, got number 12/],
    ['rate_limit:\n  interval: 1s\n', /rate_limit is not supported/],
    ['basic_auth_users:\n  alice: s3cret\n', /basic_auth_users.alice: not a bcrypt hash/],
    ['basic_auth_users:\n  alice: $2y$10$short\n', /not a bcrypt hash/],
    ['basic_auth_users:\n  alice:\n', /not a bcrypt hash/],
    ['basic_auth_users: [alice]\n', /basic_auth_users: want a mapping/],
    [`basic_auth_users:\n  'bob:x': ${HASH}\n`, /user name "bob:x" contains ":"/],
    [`basic_auth_users:\n  alice: ${HASH}\n  alice: ${HASH}\n`, /not valid YAML: duplicated mapping key/],
    ['http_server_config:\n  headers:\n    X-Powered-By: me\n', /header "X-Powered-By" cannot be configured/],
    ['http_server_config:\n  headers:\n    x-frame-options: deny\n', /header "x-frame-options" cannot be configured/],
    ['http_server_config:\n  headers:\n    X-Frame-Options: allow\n', /X-Frame-Options: want one of deny, sameorigin, got "allow"/],
    ['http_server_config:\n  headers:\n    Content-Security-Policy: "a\\r\\nSet-Cookie: x=1"\n', /control characters/],
    ['http_server_config:\n  http2: maybe\n', /http2: want true or false/],
    ['http_server_config:\n  compression: true\n', /http_server_config.compression: unknown field/],
  ])('rejects %j', (text, message) => {
    expect(() => parseWebConfig(text, '/')).toThrow(WebConfigError);
    expect(() => parseWebConfig(text, '/')).toThrow(message);
  });

  it('errors are one line', () => {
    try {
      parseWebConfig('a: [1,\nb: 2\n', '/');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message.split('\n')).toHaveLength(1);
    }
  });
});

describe.skipIf(!opensslAvailable)('loadWebConfig', () => {
  let pki: TestPki;
  let dir: string;
  beforeAll(() => {
    pki = makePki();
    dir = mkdtempSync(join(tmpdir(), 'lte-webcfg-'));
  });
  afterAll(() => pki?.remove());
  const file = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('loads a certificate and key that belong together', () => {
    const cfg = loadWebConfig(file('good.yml', `tls_server_config:\n  cert_file: ${pki.serverCert}\n  key_file: ${pki.serverKey}\n`));
    expect(cfg.tls?.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect(cfg.tls?.clientAuth).toBe('NoClientCert');
  });

  it.each([
    ['a key that does not match the certificate', () => `tls_server_config:\n  cert_file: ${pki.serverCert}\n  key_file: ${pki.clientKey}\n`, /cannot use the certificate and key/],
    ['a missing key file', () => `tls_server_config:\n  cert_file: ${pki.serverCert}\n  key_file: /nonexistent/key.pem\n`, /cannot read key_file \/nonexistent\/key.pem: ENOENT/],
    ['junk as the certificate', () => `tls_server_config:\n  cert: not a cert\n  key_file: ${pki.serverKey}\n`, /cannot use the certificate and key/],
    ['a client CA file without a certificate', () => `tls_server_config:\n  cert_file: ${pki.serverCert}\n  key_file: ${pki.serverKey}\n  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ${pki.serverKey}\n`, /client CA holds no PEM certificate/],
  ])('rejects %s, naming the file', (_name, text, message) => {
    const p = file('bad.yml', text());
    expect(() => loadWebConfig(p)).toThrow(message);
    expect(() => loadWebConfig(p)).toThrow(`--web.config.file=${p}: `);
  });

  it('rejects a config file that does not exist', () => {
    expect(() => loadWebConfig(join(dir, 'nope.yml'))).toThrow(/cannot read: ENOENT/);
  });
});

describe('BasicAuth', () => {
  const header = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

  it('splits the Authorization header at the first colon', () => {
    expect(parseBasicAuth(header('u', 'p:a:ss'))).toEqual({ user: 'u', password: 'p:a:ss' });
    expect(parseBasicAuth('Bearer abc')).toBeUndefined();
    expect(parseBasicAuth(`Basic ${Buffer.from('nocolon').toString('base64')}`)).toBeUndefined();
    expect(parseBasicAuth(undefined)).toBeUndefined();
  });

  it('accepts the right password ($2b$ and $2y$), denies wrong ones and unknown users', async () => {
    const auth = new BasicAuth(new Map([['alice', HASH], ['bob', HASH_Y]]));
    expect(await auth.check(header('alice', 's3cret'))).toBe('ok');
    expect(await auth.check(header('alice', 's3cret'))).toBe('ok'); // from the cache
    expect(await auth.check(header('bob', 's3cret'))).toBe('ok');
    expect(await auth.check(header('alice', 's3cret '))).toBe('denied');
    expect(await auth.check(header('carol', 's3cret'))).toBe('denied');
    expect(await auth.check(header('', ''))).toBe('denied');
    expect(await auth.check(undefined)).toBe('denied');
    expect(await auth.check('Basic !!!')).toBe('denied');
  });

  it('answers busy instead of queueing bcrypt checks without bound', async () => {
    const auth = new BasicAuth(new Map([['alice', hashSync('x', 8)]]));
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => auth.check(header('alice', `guess${i}`))));
    expect(results.filter((r) => r === 'busy').length).toBeGreaterThan(0);
    expect(results.filter((r) => r === 'ok')).toEqual([]);
  });
});
