// Remote-write test tools: a protobuf reader for WriteRequest (the test's own, written from
// prompb/remote.proto and types.proto, independent of src/remoteWrite/writeRequest.ts), and real
// receivers from Debian packages (Prometheus, VictoriaMetrics) on 127.0.0.1 with temporary data dirs.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './processes.ts';

export interface DecodedSeries {
  labels: Record<string, string>;
  /** Label names in the order they were on the wire. */
  order: string[];
  samples: { value: number; timestampMs: number }[];
}
export interface DecodedMetadata {
  type: number;
  family: string;
  help: string;
  unit: string;
}
export interface DecodedWriteRequest {
  timeseries: DecodedSeries[];
  metadata: DecodedMetadata[];
}

class Reader {
  pos = 0;
  constructor(
    private readonly buf: Buffer,
    private readonly end = buf.length,
  ) {}
  done(): boolean {
    return this.pos >= this.end;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error('truncated varint');
      const b = this.buf[this.pos++] as number;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new Error('varint too long');
    }
  }
  /** [field number, wire type] */
  tag(): [number, number] {
    const t = Number(this.varint());
    return [t >> 3, t & 7];
  }
  bytes(): Buffer {
    const len = Number(this.varint());
    if (this.pos + len > this.end) throw new Error('truncated field');
    const b = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return b;
  }
  double(): number {
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`wire type ${wire}`);
  }
}

function fields(buf: Buffer, each: (field: number, wire: number, r: Reader) => void): void {
  const r = new Reader(buf);
  while (!r.done()) {
    const [f, w] = r.tag();
    each(f, w, r);
  }
}

/** Decodes WriteRequest bytes (not compressed). Throws on malformed input. */
export function decodeWriteRequest(buf: Buffer): DecodedWriteRequest {
  const out: DecodedWriteRequest = { timeseries: [], metadata: [] };
  fields(buf, (f, w, r) => {
    if (f === 1 && w === 2) {
      const ts: DecodedSeries = { labels: {}, order: [], samples: [] };
      fields(r.bytes(), (f2, w2, r2) => {
        if (f2 === 1 && w2 === 2) {
          let name = '';
          let value = '';
          fields(r2.bytes(), (f3, w3, r3) => {
            if (f3 === 1 && w3 === 2) name = r3.bytes().toString('utf8');
            else if (f3 === 2 && w3 === 2) value = r3.bytes().toString('utf8');
            else r3.skip(w3);
          });
          ts.labels[name] = value;
          ts.order.push(name);
        } else if (f2 === 2 && w2 === 2) {
          const s = { value: 0, timestampMs: 0 };
          fields(r2.bytes(), (f3, w3, r3) => {
            if (f3 === 1 && w3 === 1) s.value = r3.double();
            else if (f3 === 2 && w3 === 0) s.timestampMs = Number(BigInt.asIntN(64, r3.varint()));
            else r3.skip(w3);
          });
          ts.samples.push(s);
        } else r2.skip(w2);
      });
      out.timeseries.push(ts);
    } else if (f === 3 && w === 2) {
      const md: DecodedMetadata = { type: 0, family: '', help: '', unit: '' };
      fields(r.bytes(), (f2, w2, r2) => {
        if (f2 === 1 && w2 === 0) md.type = Number(r2.varint());
        else if (f2 === 2 && w2 === 2) md.family = r2.bytes().toString('utf8');
        else if (f2 === 4 && w2 === 2) md.help = r2.bytes().toString('utf8');
        else if (f2 === 5 && w2 === 2) md.unit = r2.bytes().toString('utf8');
        else r2.skip(w2);
      });
      out.metadata.push(md);
    } else r.skip(w);
  });
  return out;
}

export interface Receiver {
  /** The remote-write URL. */
  readonly writeUrl: string;
  /** Base of the Prometheus-compatible query API: .../api/v1 */
  readonly api: string;
  readonly port: number;
  /** Starts it again on the same port and data directory (after stop()). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills every receiver still running (call from afterAll). */
export function stopReceivers(): void {
  for (const c of running) c.kill('SIGKILL');
  running.clear();
}

async function waitReady(url: string, ok: (status: number) => boolean, child: ChildProcess, log: () => string): Promise<void> {
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let i = 0; i < 300; i++) {
    if (exited) throw new Error(`receiver exited before it was ready: ${log()}`);
    try {
      const res = await fetch(url);
      await res.text();
      if (ok(res.status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`receiver not ready at ${url}: ${log()}`);
}

/** For a TLS receiver (whose CA fetch() would not trust): ready once its port accepts connections. */
async function waitListening(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`receiver exited before it was ready: ${log()}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`receiver not listening on ${port}: ${log()}`);
}

function receiver(command: string, args: (port: number) => string[], ready: string, ok: (status: number) => boolean, writePath: string, apiPath: string, port: number, scheme: 'http' | 'https' = 'http'): Receiver {
  let child: ChildProcess | undefined;
  const r: Receiver = {
    writeUrl: `${scheme}://127.0.0.1:${port}${writePath}`,
    api: `${scheme}://127.0.0.1:${port}${apiPath}`,
    port,
    async start() {
      let log = '';
      const c = spawn(command, args(port), { stdio: ['ignore', 'ignore', 'pipe'] });
      c.stderr?.on('data', (d: Buffer) => {
        log = (log + d.toString()).slice(-4000);
      });
      child = c;
      running.add(c);
      if (scheme === 'https') await waitListening(port, c, () => log);
      else await waitReady(`http://127.0.0.1:${port}${ready}`, ok, c, () => log);
    },
    async stop() {
      const c = child;
      if (c === undefined || c.exitCode !== null) return;
      const exited = new Promise((res) => c.once('exit', res));
      c.kill('SIGTERM');
      await exited;
      running.delete(c);
    },
  };
  return r;
}

/**
 * Debian's prometheus with the remote-write receiver on; extra flags (e.g. --web.config.file) appended.
 * Behind basic auth its /-/ready answers 401 to a client without credentials: that counts as up.
 */
export async function startPrometheus(extra: readonly string[] = [], scheme: 'http' | 'https' = 'http'): Promise<Receiver> {
  const dir = mkdtempSync(join(tmpdir(), 'lte-rw-prom-'));
  writeFileSync(join(dir, 'prometheus.yml'), 'global:\n  scrape_interval: 1m\n');
  const port = await freePort();
  const r = receiver(
    'prometheus',
    (p) => [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${p}`, '--web.enable-remote-write-receiver', ...extra],
    '/-/ready',
    (status) => status === 200 || status === 401,
    '/api/v1/write',
    '/api/v1',
    port,
    scheme,
  );
  await r.start();
  return r;
}

/** Debian's victoria-metrics: no query latency offset, so what was written is queryable at once. */
export async function startVictoriaMetrics(): Promise<Receiver> {
  const dir = mkdtempSync(join(tmpdir(), 'lte-rw-vm-'));
  const port = await freePort();
  const r = receiver(
    'victoria-metrics',
    (p) => [`-storageDataPath=${join(dir, 'data')}`, `-httpListenAddr=127.0.0.1:${p}`, '-search.latencyOffset=0s', '-search.disableCache', '-loggerLevel=ERROR'],
    '/health',
    (status) => status === 200,
    '/api/v1/write',
    '/api/v1',
    port,
  );
  await r.start();
  return r;
}

interface VectorReply {
  status: string;
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

/** An instant PromQL query: series labels -> value (as the API returns it, a string). */
export async function query(api: string, promql: string): Promise<{ metric: Record<string, string>; value: string }[]> {
  const res = await fetch(`${api}/query?query=${encodeURIComponent(promql)}`);
  const body = (await res.json()) as VectorReply;
  if (body.status !== 'success') throw new Error(`query ${promql}: ${JSON.stringify(body)}`);
  return body.data.result.map((r) => ({ metric: r.metric, value: r.value[1] }));
}

/** A sample value as the query API writes it ("NaN", "+Inf", "1.5e+06") as a number. */
export function apiValue(v: string): number {
  if (v === '+Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v);
}

/** Canonical key of a label set: sorted name="value" pairs. */
export function seriesKey(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
}

export interface SeenRequest {
  readonly status: number;
  /** The WriteRequest it carried (decompressed and decoded), or undefined if it did not decode. */
  readonly request: DecodedWriteRequest | undefined;
  readonly headers: Record<string, string | string[] | undefined>;
}

export interface CountingProxy {
  readonly url: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of a real receiver that records every request it passes on (headers,
 * decoded body) and the receiver's status: the count of requests the receiver saw.
 */
export async function countingProxy(target: string): Promise<CountingProxy> {
  const { createServer } = await import('node:http');
  const { uncompress } = await import('snappyjs');
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let request: DecodedWriteRequest | undefined;
      try {
        request = decodeWriteRequest(uncompress(body));
      } catch {
        request = undefined;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection' && k !== 'content-length') headers[k] = v;
      fetch(target, { method: 'POST', headers, body })
        .then(async (r) => {
          const text = await r.text();
          seen.push({ status: r.status, request, headers: req.headers });
          res.writeHead(r.status, { 'Content-Type': r.headers.get('content-type') ?? 'text/plain' });
          res.end(text);
        })
        .catch((err: unknown) => {
          seen.push({ status: 502, request, headers: req.headers });
          res.writeHead(502);
          res.end(String(err));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/api/v1/write`,
    seen,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
