// The HTTPS side of a receiver's client, loaded only for an https:// URL: node:https (and with it
// node:tls) costs ~3.8 MiB of resident memory in the executable (2.2 MiB anonymous, 1.6 MiB of code
// pages; measured with a bare Node 22 in the executable's flags), which a push over plain HTTP never uses.
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { TlsClientOptions } from './config.ts';
import type { Transport } from './client.ts';

export function httpsTransport(tls: TlsClientOptions | undefined): Transport {
  const agent = new HttpsAgent({ keepAlive: true, maxSockets: 1, ...(tls === undefined ? {} : { ca: tls.ca, cert: tls.cert, key: tls.key, servername: tls.servername, rejectUnauthorized: tls.rejectUnauthorized }) });
  return { agent, request: httpsRequest };
}
