// The HTTPS side of the server, loaded only when --web.config.file turns TLS on: node:https and
// node:tls cost ~1.5 MiB of resident memory and start-up time that a plain-HTTP exporter never uses.
import { createServer as createHttpsServer } from 'node:https';
import type { Server as HttpsServer, ServerOptions as HttpsServerOptions } from 'node:https';
import type { SecureVersion, TLSSocket } from 'node:tls';
import type { TlsMaterial } from './webConfig.ts';

/** Options for tls.createSecureContext / https.createServer made from checked material. */
export function tlsContextOptions(t: TlsMaterial): { cert: Buffer; key: Buffer; ca?: Buffer; minVersion: SecureVersion; maxVersion: SecureVersion; ciphers?: string; ecdhCurve?: string; honorCipherOrder: boolean } {
  return {
    cert: t.cert,
    key: t.key,
    ...(t.ca !== undefined ? { ca: t.ca } : {}),
    minVersion: t.minVersion,
    maxVersion: t.maxVersion,
    ...(t.ciphers !== undefined ? { ciphers: t.ciphers } : {}),
    ...(t.ecdhCurve !== undefined ? { ecdhCurve: t.ecdhCurve } : {}),
    honorCipherOrder: t.honorCipherOrder,
  };
}

/** Node's TLS options for the client_auth_type; the two kinds Node has no switch for are checked on each connection. */
export function tlsServerOptions(t: TlsMaterial) {
  const requestCert = t.clientAuth !== 'NoClientCert';
  return { ...tlsContextOptions(t), requestCert, rejectUnauthorized: t.clientAuth === 'RequireAndVerifyClientCert' };
}

function clientCertAllowed(t: TlsMaterial, socket: TLSSocket): boolean {
  const cert = socket.getPeerCertificate();
  const given = cert !== null && Object.keys(cert).length > 0;
  if (t.clientAuth === 'RequireAnyClientCert') return given;
  if (t.clientAuth === 'VerifyClientCertIfGiven') return !given || socket.authorized;
  return true;
}

/**
 * An HTTPS server for the material; current() gives the material in force when a client connects
 * (SIGHUP may have replaced it since), for the client-certificate checks Node has no option for.
 */
export function createTlsServer(httpOptions: HttpsServerOptions & { headersTimeout: number }, tls: TlsMaterial, current: () => TlsMaterial | undefined): HttpsServer {
  const server = createHttpsServer({ ...httpOptions, ...tlsServerOptions(tls), handshakeTimeout: httpOptions.headersTimeout });
  server.on('secureConnection', (socket: TLSSocket) => {
    const now = current();
    if (now !== undefined && !clientCertAllowed(now, socket)) socket.destroy();
  });
  server.on('tlsClientError', (_err: Error, socket: TLSSocket) => socket.destroy());
  return server;
}
