import { execFileSync } from 'node:child_process';

/** Whether a command is on PATH (Debian tools the tests use: promtool, prometheus, prometheus-node-exporter). */
export function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** node_exporter's own `make checkmetrics` ignores the naming lint for exactly these prefixes. */
export const LINT_EXEMPT = /^node_(memory|entropy|netstat|wifi_station)_/;

/** Runs `promtool check metrics` on an exposition and returns its findings, less the exempt prefixes. */
export function promtoolFindings(exposition: string): string[] {
  let out: string;
  try {
    out = execFileSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    out = `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !LINT_EXEMPT.test(l));
}
