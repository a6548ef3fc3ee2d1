// HTTP front: method and path checks, the in-flight limit, gzip, timeouts, graceful close.
// It knows how to ask for a scrape, nothing about /proc.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ListenAddress } from './cli.ts';
import type { HandlerMetrics } from './handlerMetrics.ts';
import type { Logger } from './log.ts';
import { FilterError } from './scrape.ts';
import type { BasicAuth } from './basicAuth.ts';
import type { WebConfig } from './webConfig.ts';

const gzipAsync = promisify(gzip);

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface ScrapeSource {
  /** Exposition text for one scrape; throws FilterError for a bad collect[]/exclude[] filter. */
  scrape(include: readonly string[], exclude: readonly string[], timeoutSeconds?: number): Promise<string>;
}

export interface ServerOptions {
  readonly listen: readonly ListenAddress[];
  readonly telemetryPath: string;
  readonly maxRequests: number;
  readonly source: ScrapeSource;
  readonly log: Logger;
  readonly landingTitle: string;
  /** Milliseconds a client may take to send its headers (slowloris guard). */
  readonly headersTimeoutMs?: number;
  /** Milliseconds a client may take for the whole request. */
  readonly requestTimeoutMs?: number;
  /** TLS, basic auth and extra headers from --web.config.file; undefined: plain HTTP, no auth. */
  readonly web?: WebConfig;
  /** promhttp_metric_handler_*: counts the metrics path's answers (undefined: exporter metrics off). */
  readonly handlerMetrics?: HandlerMetrics;
}

export interface RunningServer {
  /** The bound addresses, e.g. "127.0.0.1:9101", "[::]:9101". */
  readonly addresses: readonly string[];
  /** Stops accepting, lets in-flight scrapes finish, then resolves. */
  close(): Promise<void>;
  /** Applies a re-read --web.config.file (SIGHUP); rejects if it would turn TLS on or off, which needs a restart. */
  reloadWeb(web: WebConfig): Promise<void>;
}

function landingPage(title: string, path: string): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body>
<h1>${esc(title)}</h1>
<p>Prometheus exporter for Linux routers and edge machines.</p>
<ul><li><a href="${esc(path)}">Metrics</a></li></ul>
</body>
</html>
`;
}

function acceptsGzip(req: IncomingMessage): boolean {
  const ae = req.headers['accept-encoding'];
  if (typeof ae !== 'string') return false;
  return ae.split(',').some((part) => {
    const [enc, ...params] = part.trim().split(';');
    if (enc?.trim().toLowerCase() !== 'gzip') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

function send(res: ServerResponse, req: IncomingMessage, status: number, headers: Record<string, string>, body: string | Buffer): void {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  res.writeHead(status, { ...headers, 'Content-Length': String(buf.length) });
  res.end(req.method === 'HEAD' ? undefined : buf);
}

/**
 * Basic auth for the configured users, or undefined when there are none. bcrypt and node:crypto are
 * loaded only then (like TLS in tlsServer.ts): most exporters run without a --web.config.file.
 */
async function basicAuthFor(users: ReadonlyMap<string, string>): Promise<BasicAuth | undefined> {
  if (users.size === 0) return undefined;
  const { BasicAuth } = await import('./basicAuth.ts');
  return new BasicAuth(users);
}

/** Status for a request the HTTP parser refused (the default clientError handler's choices). */
function clientErrorStatus(code: string | undefined): string {
  if (code === 'HPE_HEADER_OVERFLOW') return '431 Request Header Fields Too Large';
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return '408 Request Timeout';
  return '400 Bad Request';
}

export function formatAddress(a: AddressInfo): string {
  return a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`;
}

const SCRAPE_TIMEOUT_HEADER = 'x-prometheus-scrape-timeout-seconds';
/** Time kept for the answer's way back to Prometheus (blackbox_exporter's --timeout-offset default). */
const SCRAPE_TIMEOUT_MARGIN_SECONDS = 0.5;

/**
 * The seconds a scrape may take by Prometheus' X-Prometheus-Scrape-Timeout-Seconds header, less a
 * margin (never more than half of it); undefined when there is no usable header.
 */
export function scrapeTimeoutOf(header: string | string[] | undefined): number | undefined {
  const text = Array.isArray(header) ? header[0] : header;
  if (text === undefined || !/^\s*(?:\d+\.?\d*|\.\d+)\s*$/.test(text)) return undefined;
  const seconds = Number(text);
  if (!(seconds > 0)) return undefined;
  return Math.max(seconds - SCRAPE_TIMEOUT_MARGIN_SECONDS, seconds / 2);
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  let web = opts.web;
  let auth = await basicAuthFor(web?.users ?? new Map<string, string>());
  const tlsModule = web?.tls === undefined ? undefined : await import('./tlsServer.ts');

  /** Sets the configured headers and checks basic auth; false when the answer (401/503) has been sent. */
  const authorize = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    for (const [k, v] of Object.entries(web?.headers ?? {})) res.setHeader(k, v);
    if (auth === undefined || !auth.enabled) return true;
    const result = await auth.check(req.headers.authorization);
    if (result === 'ok') return true;
    if (result === 'busy') send(res, req, 503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '1' }, 'Too many authentication attempts in progress, try again later.\n');
    else send(res, req, 401, { 'WWW-Authenticate': 'Basic', 'Content-Type': 'text/plain; charset=utf-8' }, 'Unauthorized\n');
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!(await authorize(req, res))) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isRead = req.method === 'GET' || req.method === 'HEAD';
    if (url.pathname !== opts.telemetryPath && url.pathname !== '/') {
      send(res, req, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, '404 page not found\n');
      return;
    }
    if (!isRead) {
      send(res, req, 405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method Not Allowed\n');
      return;
    }
    if (url.pathname !== opts.telemetryPath) {
      send(res, req, 200, { 'Content-Type': 'text/html; charset=utf-8' }, landingPage(opts.landingTitle, opts.telemetryPath));
      return;
    }
    const answered = opts.handlerMetrics?.begin();
    if (opts.maxRequests > 0 && inFlight >= opts.maxRequests) {
      send(res, req, 503, { 'Content-Type': 'text/plain; charset=utf-8' }, `Limit of concurrent requests reached (${opts.maxRequests}), try again later.\n`);
      answered?.(503);
      return;
    }
    inFlight++;
    let status: number | undefined;
    try {
      const timeout = scrapeTimeoutOf(req.headers[SCRAPE_TIMEOUT_HEADER]);
      let text: string;
      try {
        text = await opts.source.scrape(url.searchParams.getAll('collect[]'), url.searchParams.getAll('exclude[]'), timeout);
      } catch (err) {
        if (err instanceof FilterError) {
          send(res, req, 400, { 'Content-Type': 'text/plain; charset=utf-8' }, `${err.message}\n`);
          return;
        }
        opts.handlerMetrics?.error('gathering');
        throw err;
      }
      const headers: Record<string, string> = { 'Content-Type': CONTENT_TYPE };
      let body: Buffer = Buffer.from(text);
      if (acceptsGzip(req)) {
        try {
          body = await gzipAsync(body);
        } catch (err) {
          opts.handlerMetrics?.error('encoding');
          throw err;
        }
        headers['Content-Encoding'] = 'gzip';
      }
      headers['Vary'] = 'Accept-Encoding';
      if (!res.destroyed) {
        send(res, req, 200, headers, body);
        status = 200;
      }
    } catch (err) {
      opts.log.error('scrape failed', { err: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) {
        send(res, req, 500, { 'Content-Type': 'text/plain; charset=utf-8' }, 'An error has occurred while serving metrics.\n');
        status = 500;
      }
    } finally {
      inFlight--;
      answered?.(status);
    }
  };

  const servers: Server[] = [];
  const tlsServers: HttpsServer[] = [];
  const addresses: string[] = [];
  try {
    for (const addr of opts.listen) {
      const httpOptions = {
        headersTimeout: opts.headersTimeoutMs ?? 10_000,
        requestTimeout: opts.requestTimeoutMs ?? 60_000,
        connectionsCheckingInterval: 1_000,
        keepAliveTimeout: 15_000,
      };
      const tls = web?.tls;
      const tlsServer = tls === undefined || tlsModule === undefined ? undefined : tlsModule.createTlsServer(httpOptions, tls, () => web?.tls);
      const server: Server = tlsServer ?? createServer(httpOptions);
      if (tlsServer !== undefined) tlsServers.push(tlsServer);
      server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        const p = handle(req, res).catch((err: unknown) => {
          opts.log.error('request failed', { err: err instanceof Error ? err.message : String(err) });
          res.destroy();
        });
        pending.add(p);
        void p.finally(() => pending.delete(p));
      });
      server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
        if (socket.writable && !socket.destroyed) socket.end(`HTTP/1.1 ${clientErrorStatus(err.code)}\r\nConnection: close\r\n\r\n`);
        else socket.destroy();
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: addr.host, port: addr.port }, () => {
          server.off('error', reject);
          resolve();
        });
      });
      servers.push(server);
      addresses.push(formatAddress(server.address() as AddressInfo));
    }
  } catch (err) {
    for (const s of servers) s.close();
    throw err;
  }

  return {
    addresses,
    async reloadWeb(next: WebConfig) {
      if ((next.tls === undefined) !== (web?.tls === undefined)) throw new Error('turning TLS on or off needs a restart');
      const nextTls = next.tls;
      const nextAuth = await basicAuthFor(next.users);
      if (nextTls !== undefined && tlsModule !== undefined) for (const s of tlsServers) s.setSecureContext(tlsModule.tlsServerOptions(nextTls));
      web = next;
      auth = nextAuth;
    },
    async close() {
      const closed = servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
      for (const s of servers) s.closeIdleConnections();
      await Promise.all([...pending]);
      for (const s of servers) s.closeAllConnections();
      await Promise.all(closed);
    },
  };
}
