// Starting exporters as separate processes (ours and Debian's prometheus-node-exporter) and scraping them.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const children: ChildProcess[] = [];

/** Kills every process startAndScrape started (call from afterAll). */
export function stopAll(): void {
  for (const c of children) c.kill('SIGKILL');
  children.length = 0;
}

/** Starts a command and scrapes http://127.0.0.1:<port>/metrics once it answers. */
export async function startAndScrape(command: string, args: string[], port: number): Promise<string> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
  });
  for (let i = 0; i < 150; i++) {
    if (exited !== undefined) throw new Error(`${command} exited with ${exited}: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      if (res.ok) return await res.text();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${command} did not answer on port ${port}: ${stderr}`);
}

export interface StartOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly uid?: number;
  readonly gid?: number;
  /** How long to wait for the "listening" log line (default 60 s). */
  readonly timeoutMs?: number;
}

export interface Running {
  readonly child: ChildProcess;
  readonly address: string;
  /** Milliseconds from spawn to the "listening" log line. */
  readonly listeningMs: number;
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** Kills whatever is still running (call from afterEach/afterAll). */
export function killAll(): void {
  for (const c of running) c.kill('SIGKILL');
  running.clear();
}

/**
 * Starts `cmd args... --web.listen-address=127.0.0.1:0 extra...` and resolves once the exporter logs
 * the address it bound.
 */
export function startExporter(cmd: string, args: readonly string[], extra: readonly string[], options: StartOptions = {}): Promise<Running> {
  const { timeoutMs = 60_000, ...spawnOptions } = options;
  const t0 = performance.now();
  const child = spawn(cmd, [...args, '--web.listen-address=127.0.0.1:0', ...extra], { stdio: ['ignore', 'ignore', 'pipe'], ...spawnOptions });
  running.add(child);
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { running.delete(child); resolve(code); }));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd}: no "listening" line after ${timeoutMs} ms: ${err}`)), timeoutMs);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /msg=listening address=(\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          address: m[1]!,
          listeningMs: performance.now() - t0,
          stderr: () => err,
          stop: () => { child.kill('SIGTERM'); return exited; },
        });
      }
    });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`${cmd} exited ${code} before listening: ${err}`)); });
  });
}

/** Runs a command to its end (10 s at most) and returns its exit status and stderr: for start-up refusals. */
export function runToExit(cmd: string, args: readonly string[]): { code: number | null; stderr: string } {
  try {
    execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
    return { code: 0, stderr: '' };
  } catch (err) {
    const e = err as { status: number | null; stderr: string };
    return { code: e.status, stderr: e.stderr };
  }
}
