// --remote-write.config.file: Prometheus' global/remote_write shape, defaults, and one clear message per mistake.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPACITY, loadRemoteWriteConfig, parseRemoteWriteConfig } from '../../src/remoteWrite/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'lte-rwcfg-'));
writeFileSync(join(dir, 'password'), 's3cret\n');
writeFileSync(join(dir, 'token'), 'tok-123\n');
const readFile = (p: string): Buffer => {
  if (p === join(dir, 'password')) return Buffer.from('s3cret\n');
  if (p === join(dir, 'token')) return Buffer.from('tok-123\n');
  throw Object.assign(new Error('nope'), { code: 'ENOENT' });
};
const parse = (text: string) => parseRemoteWriteConfig(text, dir, { hostname: 'router1', readFile });

describe('parseRemoteWriteConfig', () => {
  it('has Prometheus-like defaults and instance=<hostname>, job=node', () => {
    const c = parse('remote_write:\n  - url: http://prom.example:9090/api/v1/write\n');
    expect(c.intervalMs).toBe(15_000);
    expect(c.externalLabels).toEqual([['instance', 'router1'], ['job', 'node']]);
    expect(c.receivers).toHaveLength(1);
    const r = c.receivers[0]!;
    expect(r.name).toBe('prom.example:9090/api/v1/write');
    expect(r.timeoutMs).toBe(30_000);
    expect(r.headers).toEqual({});
    expect(r.tls).toBeUndefined();
    expect(r.queue).toEqual({ capacity: DEFAULT_CAPACITY, minBackoffMs: 30, maxBackoffMs: 5_000, retryOn429: true });
    expect(r.metadataIntervalMs).toBe(60_000);
  });

  it('reads everything it knows', () => {
    const c = parse(`
global:
  scrape_interval: 30s
  external_labels:
    instance: attic-router
    site: home
    job: ""
remote_write:
  - url: https://mimir.example/api/v1/push
    name: mimir
    remote_timeout: 10s
    headers:
      X-Scope-OrgID: tenant-1
    basic_auth:
      username: router
      password_file: password
    queue_config:
      capacity: 5000
      min_backoff: 100ms
      max_backoff: 1m
      retry_on_http_429: false
    metadata_config:
      send: false
  - url: http://vm.example:8428/api/v1/write
    authorization:
      credentials_file: ${join(dir, 'token')}
    tls_config:
      insecure_skip_verify: true
      server_name: vm.internal
`);
    expect(c.intervalMs).toBe(30_000);
    expect(c.externalLabels).toEqual([['instance', 'attic-router'], ['site', 'home']]);
    const [m, v] = c.receivers as [(typeof c.receivers)[0], (typeof c.receivers)[0]];
    expect(m.name).toBe('mimir');
    expect(m.timeoutMs).toBe(10_000);
    expect(m.headers).toEqual({ 'X-Scope-OrgID': 'tenant-1', Authorization: `Basic ${Buffer.from('router:s3cret').toString('base64')}` });
    expect(m.queue).toEqual({ capacity: 5000, minBackoffMs: 100, maxBackoffMs: 60_000, retryOn429: false });
    expect(m.metadataIntervalMs).toBe(0);
    expect(v.headers).toEqual({ Authorization: 'Bearer tok-123' });
    expect(v.tls).toEqual({ ca: undefined, cert: undefined, key: undefined, servername: 'vm.internal', rejectUnauthorized: false });
  });

  it.each([
    ['no receivers', 'global:\n  scrape_interval: 15s\n', /remote_write: want a list of at least one receiver/],
    ['an empty list', 'remote_write: []\n', /remote_write: want a list of at least one receiver/],
    ['not YAML', 'remote_write: [\n', /not valid YAML/],
    ['a missing url', 'remote_write:\n  - name: x\n', /remote_write\[0\]\.url: missing/],
    ['a bad url', 'remote_write:\n  - url: "not a url"\n', /remote_write\[0\]\.url: not a URL: "not a url"/],
    ['a ftp url', 'remote_write:\n  - url: ftp://x/\n', /want http:\/\/ or https:\/\//],
    ['credentials in the url', 'remote_write:\n  - url: http://u:p@x/\n', /put credentials in basic_auth/],
    ['an unknown field', 'remote_write:\n  - url: http://x/\n    write_relabel_configs: []\n', /remote_write\[0\]\.write_relabel_configs: unknown field/],
    ['an unreadable password file', 'remote_write:\n  - url: http://x/\n    basic_auth:\n      username: u\n      password_file: missing\n', /remote_write\[0\]\.basic_auth\.password_file: cannot read .*missing: ENOENT/],
    ['password and password_file', 'remote_write:\n  - url: http://x/\n    basic_auth:\n      username: u\n      password: a\n      password_file: password\n', /give only one of password and password_file/],
    ['basic_auth and authorization', 'remote_write:\n  - url: http://x/\n    basic_auth: {username: u}\n    authorization: {credentials: t}\n', /give only one of basic_auth and authorization/],
    ['a reserved header', 'remote_write:\n  - url: http://x/\n    headers:\n      Content-Encoding: gzip\n', /Content-Encoding is set by the exporter itself/],
    ['a bad duration', 'remote_write:\n  - url: http://x/\n    remote_timeout: soon\n', /remote_timeout: want a duration/],
    ['a too short interval', 'global:\n  scrape_interval: 10ms\nremote_write:\n  - url: http://x/\n', /scrape_interval: 10ms is below the minimum/],
    ['a bad label name', 'global:\n  external_labels:\n    "a-b": x\nremote_write:\n  - url: http://x/\n', /"a-b" is not a valid label name/],
    ['a zero capacity', 'remote_write:\n  - url: http://x/\n    queue_config:\n      capacity: 0\n', /capacity: want a whole number >= 1/],
    ['max below min backoff', 'remote_write:\n  - url: http://x/\n    queue_config:\n      min_backoff: 1s\n      max_backoff: 10ms\n', /max_backoff is below min_backoff/],
    ['two receivers of one name', 'remote_write:\n  - url: http://x/a\n  - url: http://x/a\n', /two receivers named "x\/a"/],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parse(text)).toThrow(message);
  });
});

describe('loadRemoteWriteConfig', () => {
  it('names the flag and the file in every message', () => {
    expect(() => loadRemoteWriteConfig(join(dir, 'nope.yml'))).toThrow(/^--remote-write.config.file=.*nope.yml: cannot read: ENOENT$/);
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'remote_write:\n  - url: x\n');
    expect(() => loadRemoteWriteConfig(bad)).toThrow(/^--remote-write.config.file=.*bad.yml: remote_write\[0\].url: not a URL/);
  });
  it('reports a password file it cannot read (a directory; without root also one it may not read)', () => {
    const withPasswordFile = (name: string, path: string): string => {
      const cfg = join(dir, `${name}.yml`);
      writeFileSync(cfg, `remote_write:\n  - url: http://x/\n    basic_auth:\n      username: u\n      password_file: ${path}\n`);
      return cfg;
    };
    const folder = join(dir, 'a-directory');
    mkdirSync(folder, { recursive: true });
    expect(() => loadRemoteWriteConfig(withPasswordFile('dir', folder))).toThrow(/password_file: cannot read .*a-directory: EISDIR/);
    if (process.getuid?.() !== 0) {
      // Root reads any file whatever its mode: this half is for the unprivileged runs.
      const locked = join(dir, 'locked');
      writeFileSync(locked, 'x');
      chmodSync(locked, 0o000);
      expect(() => loadRemoteWriteConfig(withPasswordFile('locked', locked))).toThrow(/password_file: cannot read .*locked: EACCES/);
    }
  });
  it('reads relative files next to the config file', () => {
    const cfg = join(dir, 'ok.yml');
    writeFileSync(cfg, 'remote_write:\n  - url: http://x/\n    basic_auth:\n      username: u\n      password_file: password\n');
    expect(loadRemoteWriteConfig(cfg, 'h').receivers[0]!.headers.Authorization).toBe(`Basic ${Buffer.from('u:s3cret').toString('base64')}`);
  });
});
