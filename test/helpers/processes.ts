// Starting exporters as separate processes (ours and Debian's prometheus-node-exporter) and scraping them.
import { spawn } from 'node:child_process';
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

