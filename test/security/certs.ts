// Certificates made for the test run with openssl (Debian package openssl): a CA, a server certificate
// for 127.0.0.1 signed by it, a client certificate signed by it, and a self-signed client certificate.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasCommand } from '../helpers/tools.ts';

export interface TestPki {
  readonly dir: string;
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
  readonly strangerCert: string;
  readonly strangerKey: string;
  /** PEM text of a file in dir. */
  read(name: string): Buffer;
  remove(): void;
}

export const opensslAvailable = hasCommand('openssl');

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Makes a fresh PKI in a temporary directory (EC P-256 keys: fast to generate). */
export function makePki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'lte-pki-'));
  const key = (name: string) => openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', name]);
  key('ca.key');
  openssl(dir, ['req', '-x509', '-new', '-key', 'ca.key', '-subj', '/CN=lte test CA', '-days', '2', '-out', 'ca.crt']);
  const sign = (name: string, subject: string, ext: string) => {
    key(`${name}.key`);
    openssl(dir, ['req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`]);
    writeFileSync(join(dir, `${name}.ext`), `${ext}\n`);
    openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.crt`]);
  };
  sign('server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth');
  sign('client', '/CN=prometheus', 'extendedKeyUsage=clientAuth');
  key('stranger.key');
  openssl(dir, ['req', '-x509', '-new', '-key', 'stranger.key', '-subj', '/CN=stranger', '-days', '2', '-out', 'stranger.crt']);
  const p = (n: string) => join(dir, n);
  return {
    dir,
    caCert: p('ca.crt'),
    serverCert: p('server.crt'),
    serverKey: p('server.key'),
    clientCert: p('client.crt'),
    clientKey: p('client.key'),
    strangerCert: p('stranger.crt'),
    strangerKey: p('stranger.key'),
    read: (name) => readFileSync(p(name)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
