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

/**
 * The original Go exporter's names, served only with --compat.tiny, are fixed by its existing users'
 * dashboards (docs/compat-tiny.md): `mem_total` is a gauge whose name ends in _total. Compatibility beats
 * lint, so exactly this finding for exactly this name is ignored; any other finding still fails.
 */
export const TINY_COMPAT_EXEMPT = new Set(['mem_total non-counter metrics should not have "_total" suffix']);

/** Runs `promtool check metrics` on an exposition and returns its findings, less the exempt ones. */
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
    .filter((l) => l !== '' && !LINT_EXEMPT.test(l) && !TINY_COMPAT_EXEMPT.has(l));
}
