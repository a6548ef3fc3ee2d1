// Process edge: argv, exit codes, signals.
import './threadpool.ts'; // first: sizes libuv's thread pool before anything uses it
import { existsSync } from 'node:fs';
import { startApp, createScraper } from './app.ts';
import { checkPaths, helpText, parseCli, UsageError } from './cli.ts';
import { COLLECTORS, TINY } from './collectors/index.ts';
import { createLogger } from './log.ts';
import { PROGRAM, versionText } from './version.ts';
import type { WebConfig } from './webConfig.ts';

/**
 * Reads --web.config.file. The module (YAML parser, TLS checks) is loaded only when there is a file:
 * without one the exporter never pays its memory or start-up time. Returns an error message for
 * a bad file instead of throwing it.
 */
async function readWebConfig(file: string): Promise<WebConfig | string> {
  const { loadWebConfig, WebConfigError } = await import('./webConfig.ts');
  try {
    return loadWebConfig(file);
  } catch (err) {
    if (err instanceof WebConfigError) return err.message;
    throw err;
  }
}

/** Reads issued to the kernel that have not returned (set once the scraper exists). */
let pendingReads: () => number = () => 0;

/** Milliseconds from SIGTERM/SIGINT to the exit, at most: a scrape in flight is cut there. */
const SHUTDOWN_GRACE_MS = 1500;

/**
 * Ends the process with `code`. Node joins its threads on the way out (libuv's pool and any
 * worker), so while a read is stuck in the kernel (a driver that never answers) process.exit() would
 * wait for it for ever. Then, on Node >= 22.15 (the executables), the process replaces itself with
 * true(1): execve ends every thread at once and exits 0. Where that is not possible (older Node, no
 * true(1) in a FROM-scratch image), the signal that asked for the stop is raised again with its default
 * action: the process ends by SIGTERM, which service managers count as a clean stop. Under Deno,
 * exit does not wait for threads.
 */
function exitProcess(code: number, signal?: NodeJS.Signals): never {
  // Deno's exit does not join its threads.
  const underDeno = (globalThis as { Deno?: unknown }).Deno !== undefined;
  if (pendingReads() === 0 || code !== 0 || underDeno) process.exit(code);
  const execve = (process as unknown as { execve?: (file: string, args: string[], env: Record<string, string>) => never }).execve;
  const trueBin = ['/bin/true', '/usr/bin/true'].find((p) => existsSync(p));
  if (typeof execve === 'function' && trueBin !== undefined) execve(trueBin, ['true'], {});
  if (signal !== undefined) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  return process.exit(code);
}

/** The signal that asked the server to stop, if one did. */
let stopSignal: NodeJS.Signals | undefined;

/** What SIGHUP does; until the server listens, nothing (Node's default for SIGHUP would end the process). */
let onHangup: () => void = () => {};

async function main(argv: readonly string[]): Promise<number> {
  process.on('SIGHUP', () => onHangup());
  let result;
  let web: WebConfig | undefined;
  const usageError = (message: string): number => {
    process.stderr.write(`${PROGRAM}: error: ${message}, try --help\n`);
    return 2;
  };
  try {
    result = parseCli(argv, COLLECTORS);
    if (result.kind === 'run') checkPaths(result.config.paths);
  } catch (err) {
    if (err instanceof UsageError) return usageError(err.message);
    throw err;
  }
  if (result.kind === 'run' && result.config.webConfigFile !== undefined) {
    const loaded = await readWebConfig(result.config.webConfigFile);
    if (typeof loaded === 'string') return usageError(loaded);
    web = loaded;
  }
  if (result.kind === 'help') {
    process.stdout.write(helpText(PROGRAM, COLLECTORS));
    return 0;
  }
  if (result.kind === 'version') {
    process.stdout.write(versionText() + '\n');
    return 0;
  }
  const config = result.config;
  const log = createLogger(config.logLevel, config.logFormat);
  let scraper;
  try {
    scraper = createScraper(config, COLLECTORS, config.compatTiny ? [TINY] : [], log);
  } catch (err) {
    process.stderr.write(`${PROGRAM}: error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  pendingReads = () => scraper.kernel.pendingReads;
  log.info(`starting ${PROGRAM}`, { version: versionText() });
  log.info('enabled collectors', { collectors: scraper.collectorNames.join(',') });
  let server;
  try {
    server = await startApp(config, scraper, log, web);
  } catch (err) {
    log.error('cannot listen', { err: err instanceof Error ? err.message : String(err) });
    return 1;
  }
  for (const a of server.addresses) log.info('listening', { address: a, path: config.telemetryPath, tls: web?.tls !== undefined, auth: (web?.users.size ?? 0) > 0 });
  // SIGHUP re-reads --web.config.file (new certificate, users, headers); a bad file keeps the running one.
  onHangup = () => {
    const file = config.webConfigFile;
    if (file === undefined) {
      log.info('SIGHUP: no --web.config.file to reload');
      return;
    }
    const kept = (err: unknown) => log.error('kept the previous --web.config.file', { file, err: err instanceof Error ? err.message : String(err) });
    void readWebConfig(file).then(async (next) => {
      if (typeof next === 'string') return kept(next);
      await server.reloadWeb(next);
      web = next;
      log.info('reloaded --web.config.file', { file, tls: next.tls !== undefined, users: next.users.size });
    }).catch(kept);
  };

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      stopSignal = signal;
      log.info('shutting down', { signal });
      // A scrape still in flight (a collector waiting on a stuck read until its deadline) is cut here.
      const force = setTimeout(() => resolve(0), SHUTDOWN_GRACE_MS);
      force.unref();
      void server.close().then(() => {
        clearTimeout(force);
        resolve(0);
      });
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
}

main(process.argv.slice(2)).then(
  (code) => exitProcess(code, stopSignal),
  (err: unknown) => {
    process.stderr.write(`${PROGRAM}: fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
