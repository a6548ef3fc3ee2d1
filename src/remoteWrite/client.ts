// One HTTP POST of a compressed WriteRequest to one receiver, with the Remote-Write 1.0 headers, a
// deadline for the whole exchange, and the outcome classified as Prometheus' queue manager does:
// 2xx sent; network errors, timeouts, 5xx and (by default) 429 retried; any other status dropped.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { ReceiverConfig } from './config.ts';

/** How requests go out: node:http, or node:https (httpsTransport.ts, loaded only for https:// receivers). */
export interface Transport {
  readonly agent: HttpAgent;
  readonly request: typeof httpRequest;
}

export type SendOutcome =
  | { readonly kind: 'sent'; readonly status: number }
  /** retryAfterMs: the receiver's Retry-After, when it sent one. */
  | { readonly kind: 'retry'; readonly reason: string; readonly status: number | undefined; readonly retryAfterMs: number | undefined }
  | { readonly kind: 'drop'; readonly reason: string; readonly status: number };

/** The most of an error response's body kept for the log. */
const BODY_LIMIT = 512;

/** Retry-After as seconds or an HTTP date, in milliseconds from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export class RemoteWriteClient {
  private transport: Promise<Transport> | undefined;

  constructor(
    private readonly config: ReceiverConfig,
    private readonly userAgent: string,
  ) {}

  private connect(): Promise<Transport> {
    this.transport ??=
      this.config.url.protocol === 'https:'
        ? import('./httpsTransport.ts').then((m) => m.httpsTransport(this.config.tls))
        : Promise.resolve({ agent: new HttpAgent({ keepAlive: true, maxSockets: 1 }), request: httpRequest });
    return this.transport;
  }

  async send(body: Buffer): Promise<SendOutcome> {
    const c = this.config;
    const { agent, request } = await this.connect();
    return new Promise((resolve) => {
      let settled = false;
      const finish = (o: SendOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(o);
      };
      const req = request(c.url, {
        method: 'POST',
        agent,
        headers: {
          ...c.headers,
          'Content-Encoding': 'snappy',
          'Content-Type': 'application/x-protobuf',
          'Content-Length': String(body.length),
          'User-Agent': this.userAgent,
          'X-Prometheus-Remote-Write-Version': '0.1.0',
        },
      });
      const timer = setTimeout(() => {
        req.destroy(new Error(`no answer within remote_timeout (${c.timeoutMs} ms)`));
      }, c.timeoutMs);
      req.on('error', (err) => finish({ kind: 'retry', reason: err.message, status: undefined, retryAfterMs: undefined }));
      req.on('response', (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          if (text.length < BODY_LIMIT) text += d.slice(0, BODY_LIMIT - text.length);
        });
        res.on('error', (err) => finish({ kind: 'retry', reason: err.message, status: undefined, retryAfterMs: undefined }));
        res.on('end', () => {
          const reason = `HTTP ${status}${text.trim() === '' ? '' : `: ${text.trim()}`}`;
          if (status >= 200 && status < 300) finish({ kind: 'sent', status });
          else if (status >= 500 || (status === 429 && c.queue.retryOn429)) {
            const header = res.headers['retry-after'];
            finish({ kind: 'retry', reason, status, retryAfterMs: parseRetryAfter(Array.isArray(header) ? header[0] : header) });
          } else finish({ kind: 'drop', reason, status });
        });
      });
      req.end(body);
    });
  }

  close(): void {
    void this.transport?.then((t) => t.agent.destroy());
  }
}
