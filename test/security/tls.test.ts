// TLS and basic auth over real connections to a real server on 127.0.0.1, with certificates made for
// the run by openssl. In-process servers for the HTTP behaviour, the bundle as a process for exit 2 and SIGHUP.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashSync } from 'bcryptjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { startServer } from '../../src/server.ts';
import type { RunningServer, ScrapeSource } from '../../src/server.ts';
import { loadWebConfig } from '../../src/webConfig.ts';
import { FIXTURES, ROOT } from '../helpers/scrape.ts';
import { killAll, runToExit, startExporter } from '../helpers/processes.ts';
import { makePki, opensslAvailable } from './certs.ts';
import type { TestPki } from './certs.ts';

if (!opensslAvailable) console.warn('TLS tests skipped: openssl not found (Debian package openssl)');

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface ClientOptions {
  auth?: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  headers?: Record<string, string>;
  plain?: boolean;
}

function get(address: string, path: string, o: ClientOptions = {}): Promise<Reply> {
  const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
  const headers = { ...(o.headers ?? {}), ...(o.auth !== undefined ? { Authorization: `Basic ${Buffer.from(o.auth).toString('base64')}` } : {}) };
  return new Promise((resolve, reject) => {
    const done = (res: import('node:http').IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    };
    const req = o.plain
      ? httpRequest({ host, port, path, headers, agent: false }, done)
      : httpsRequest({ host, port, path, headers, agent: false, ca: o.ca, cert: o.cert, key: o.key, servername: '' }, done);
    req.on('error', reject);
    req.end();
  });
}

const source: ScrapeSource = { scrape: async () => '# HELP up_test A test.\n# TYPE up_test gauge\nup_test 1\n' };
const HASH = hashSync('correct horse', 4);

let pki: TestPki;
let dir: string;
beforeAll(() => {
  if (!opensslAvailable) return;
  pki = makePki();
  dir = mkdtempSync(join(tmpdir(), 'lte-tls-'));
});
afterAll(() => pki?.remove());

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

function configFile(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

async function serve(yaml: string): Promise<string> {
  const web = loadWebConfig(configFile(`web-${running.length}.yml`, yaml));
  const s = await startServer({ listen: [{ host: '127.0.0.1', port: 0 }], telemetryPath: '/metrics', maxRequests: 4, source, log: silentLogger, landingTitle: 't', web });
  running.push(s);
  return s.addresses[0]!;
}

const tlsBlock = () => `tls_server_config:\n  cert_file: ${pki.serverCert}\n  key_file: ${pki.serverKey}\n`;

describe.skipIf(!opensslAvailable)('TLS and basic auth', () => {
  it('serves metrics over TLS to a client that trusts the CA, and refuses plain HTTP', async () => {
    const a = await serve(tlsBlock());
    const r = await get(a, '/metrics', { ca: pki.read('ca.crt') });
    expect(r.status).toBe(200);
    expect(r.body).toContain('up_test 1');
    await expect(get(a, '/metrics')).rejects.toThrow(/self-signed|unable to verify|certificate/i);
    const plain = await get(a, '/metrics', { plain: true }).catch((e: Error) => e);
    expect(plain instanceof Error || plain.status === 400).toBe(true);
  });

  it('honours min_version: a TLS 1.2-only client cannot talk to a TLS13 server', async () => {
    const a = await serve(`${tlsBlock()}  min_version: TLS13\n`);
    const host = a.split(':')[0]!;
    const port = Number(a.split(':')[1]);
    const r = await new Promise<string>((resolve) => {
      const req = httpsRequest({ host, port, path: '/metrics', agent: false, ca: pki.read('ca.crt'), maxVersion: 'TLSv1.2' }, () => resolve('connected'));
      req.on('error', (e) => resolve(e.message));
      req.end();
    });
    expect(r).toMatch(/protocol version|alert|wrong version|unsupported/i);
    expect((await get(a, '/metrics', { ca: pki.read('ca.crt') })).status).toBe(200);
  });

  it('401 with WWW-Authenticate for no credentials, a wrong password and an unknown user; 200 for the right one', async () => {
    const a = await serve(`${tlsBlock()}basic_auth_users:\n  prometheus: ${HASH}\n`);
    const ca = pki.read('ca.crt');
    for (const auth of [undefined, 'prometheus:wrong', 'nobody:correct horse', 'prometheus:', ':correct horse']) {
      const r = await get(a, '/metrics', { ca, ...(auth !== undefined ? { auth } : {}) });
      expect(r.status, String(auth)).toBe(401);
      expect(r.headers['www-authenticate']).toBe('Basic');
      expect(r.body).not.toContain('up_test');
    }
    // Every path is behind auth, the landing page and 404s included (nothing is learnt without credentials).
    expect((await get(a, '/', { ca })).status).toBe(401);
    expect((await get(a, '/nope', { ca })).status).toBe(401);
    const ok = await get(a, '/metrics', { ca, auth: 'prometheus:correct horse' });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('up_test 1');
  });

  it('basic auth works on plain HTTP too (a file with only basic_auth_users)', async () => {
    const a = await serve(`basic_auth_users:\n  prometheus: ${HASH}\n`);
    expect((await get(a, '/metrics', { plain: true })).status).toBe(401);
    expect((await get(a, '/metrics', { plain: true, auth: 'prometheus:correct horse' })).status).toBe(200);
  });

  it('adds the configured headers to every answer, 401s included', async () => {
    const a = await serve(`${tlsBlock()}http_server_config:\n  headers:\n    X-Frame-Options: deny\n    Strict-Transport-Security: max-age=63072000\nbasic_auth_users:\n  p: ${HASH}\n`);
    const ca = pki.read('ca.crt');
    for (const r of [await get(a, '/metrics', { ca }), await get(a, '/metrics', { ca, auth: 'p:correct horse' })]) {
      expect(r.headers['x-frame-options']).toBe('deny');
      expect(r.headers['strict-transport-security']).toBe('max-age=63072000');
    }
  });

  it('a reload swaps the certificate for new connections; turning TLS off needs a restart', async () => {
    const web = loadWebConfig(configFile('rot-1.yml', tlsBlock()));
    const s = await startServer({ listen: [{ host: '127.0.0.1', port: 0 }], telemetryPath: '/metrics', maxRequests: 4, source, log: silentLogger, landingTitle: 't', web });
    running.push(s);
    const a = s.addresses[0]!;
    expect((await get(a, '/metrics', { ca: pki.read('ca.crt') })).status).toBe(200);
    const next = makePki();
    try {
      await s.reloadWeb(loadWebConfig(configFile('rot-2.yml', `tls_server_config:\n  cert_file: ${next.serverCert}\n  key_file: ${next.serverKey}\n`)));
      expect((await get(a, '/metrics', { ca: next.read('ca.crt') })).status).toBe(200);
      await expect(get(a, '/metrics', { ca: pki.read('ca.crt') })).rejects.toThrow();
    } finally {
      next.remove();
    }
    await expect(s.reloadWeb({ tls: undefined, users: new Map(), headers: {} })).rejects.toThrow(/needs a restart/);
  });

  it('RequireAndVerifyClientCert: a client with a certificate from the CA gets in; none, or a stranger, does not', async () => {
    const a = await serve(`${tlsBlock()}  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ${pki.caCert}\n`);
    const ca = pki.read('ca.crt');
    const ok = await get(a, '/metrics', { ca, cert: pki.read('client.crt'), key: pki.read('client.key') });
    expect(ok.status).toBe(200);
    await expect(get(a, '/metrics', { ca })).rejects.toThrow();
    await expect(get(a, '/metrics', { ca, cert: pki.read('stranger.crt'), key: pki.read('stranger.key') })).rejects.toThrow();
  });

  it('RequireAnyClientCert wants some certificate; VerifyClientCertIfGiven rejects only a bad one', async () => {
    const ca = pki.read('ca.crt');
    const stranger = { cert: pki.read('stranger.crt'), key: pki.read('stranger.key') };
    const any = await serve(`${tlsBlock()}  client_auth_type: RequireAnyClientCert\n`);
    await expect(get(any, '/metrics', { ca })).rejects.toThrow();
    expect((await get(any, '/metrics', { ca, ...stranger })).status).toBe(200);
    const ifGiven = await serve(`${tlsBlock()}  client_auth_type: VerifyClientCertIfGiven\n  client_ca_file: ${pki.caCert}\n`);
    expect((await get(ifGiven, '/metrics', { ca })).status).toBe(200);
    expect((await get(ifGiven, '/metrics', { ca, cert: pki.read('client.crt'), key: pki.read('client.key') })).status).toBe(200);
    await expect(get(ifGiven, '/metrics', { ca, ...stranger })).rejects.toThrow();
  });
});

// ---- the bundle as a process: a bad file is exit 2 before listening; SIGHUP reloads ----

let bundle = '';
afterEach(killAll);

function buildBundle(): string {
  if (bundle === '') {
    bundle = join(mkdtempSync(join(tmpdir(), 'lte-bundle-')), 'linux-tiny-exporter.cjs');
    execFileSync(process.execPath, [join(ROOT, 'build', 'bundle.mjs'), bundle], { cwd: ROOT });
    chmodSync(join(bundle, '..'), 0o755);
  }
  return bundle;
}

const router = join(FIXTURES, 'router');
const pathFlags = [`--path.procfs=${join(router, 'proc')}`, `--path.sysfs=${join(router, 'sys')}`, `--path.rootfs=${router}`, '--collector.disable-defaults', '--collector.loadavg'];

describe.skipIf(!opensslAvailable)('--web.config.file in the bundle', () => {
  it.each([
    ['a file that does not exist', () => join(dir, 'missing.yml'), /--web.config.file=.*missing.yml: cannot read: ENOENT/],
    ['broken YAML', () => configFile('broken.yml', 'tls_server_config: [\n'), /not valid YAML/],
    ['a plain-text password', () => configFile('plain.yml', 'basic_auth_users:\n  p: hunter2\n'), /basic_auth_users.p: not a bcrypt hash/],
    ['a key that does not match', () => configFile('mismatch.yml', `tls_server_config:\n  cert_file: ${pki.serverCert}\n  key_file: ${pki.clientKey}\n`), /cannot use the certificate and key/],
  ])('exits 2 with one line for %s', (_name, path, message) => {
    const { code, stderr } = runToExit(process.execPath, [buildBundle(), '--web.listen-address=127.0.0.1:0', ...pathFlags, `--web.config.file=${path()}`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('SIGHUP re-reads the file: new users apply, a broken file keeps the previous one', async () => {
    const cfg = configFile('hup.yml', `${tlsBlock()}basic_auth_users:\n  alice: ${HASH}\n`);
    const running = await startExporter(process.execPath, [buildBundle()], [...pathFlags, `--web.config.file=${cfg}`]);
    const { child, address } = running;
    expect(running.stderr()).toMatch(/tls=true auth=true/);
    const ca = pki.read('ca.crt');
    expect((await get(address, '/metrics', { ca, auth: 'alice:correct horse' })).status).toBe(200);
    expect((await get(address, '/metrics', { ca, auth: 'bob:correct horse' })).status).toBe(401);

    const waitLog = async (re: RegExp) => {
      for (let i = 0; i < 200 && !re.test(running.stderr()); i++) await new Promise((r) => setTimeout(r, 25));
      expect(running.stderr()).toMatch(re);
    };
    writeFileSync(cfg, `${tlsBlock()}basic_auth_users:\n  bob: ${HASH}\n`);
    child.kill('SIGHUP');
    await waitLog(/msg="reloaded --web.config.file"/);
    expect((await get(address, '/metrics', { ca, auth: 'bob:correct horse' })).status).toBe(200);
    expect((await get(address, '/metrics', { ca, auth: 'alice:correct horse' })).status).toBe(401);

    writeFileSync(cfg, 'basic_auth_users: [\n');
    child.kill('SIGHUP');
    await waitLog(/msg="kept the previous --web.config.file"/);
    expect((await get(address, '/metrics', { ca, auth: 'bob:correct horse' })).status).toBe(200);
    expect(child.exitCode).toBeNull();
  });
});

describe('SIGHUP without --web.config.file', () => {
  it('is logged and does not stop the exporter', async () => {
    const running = await startExporter(process.execPath, [buildBundle()], pathFlags);
    const { child, address } = running;
    child.kill('SIGHUP');
    for (let i = 0; i < 200 && !running.stderr().includes('no --web.config.file to reload'); i++) await new Promise((r) => setTimeout(r, 25));
    expect(running.stderr()).toContain('msg="SIGHUP: no --web.config.file to reload"');
    expect((await get(address, '/metrics', { plain: true })).status).toBe(200);
    expect(child.exitCode).toBeNull();
  });
});
