// Process edge: argv, exit codes, signals.
import './threadpool.ts'; // first: sizes libuv's thread pool before anything uses it
import { existsSync } from 'node:fs';
import { startApp, createScraper } from './app.ts';
import { checkPaths, helpText, parseCli, UsageError } from './cli.ts';
import { COLLECTORS, TINY } from './collectors/index.ts';
import { createExporterRegistry } from './exporterMetrics.ts';
import { createLogger } from './log.ts';
import type { RemoteWriteConfig, RemoteWriter } from './remoteWrite/index.ts';
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

/**
 * Reads --remote-write.config.file. Like the web config, the push path (snappy, the encoder, the queues)
 * is loaded only when there is a file. Returns an error message for a bad file instead of throwing it.
 */
async function readRemoteWriteConfig(file: string): Promise<RemoteWriteConfig | string> {
  const { loadRemoteWriteConfig, RemoteWriteConfigError } = await import('./remoteWrite/index.ts');
  try {
    return loadRemoteWriteConfig(file);
  } catch (err) {
    if (err instanceof RemoteWriteConfigError) return err.message;
    throw err;
  }
}

/** How long shutdown waits for the push queues to empty: within SHUTDOWN_GRACE_MS, which ends the process. */
const PUSH_FLUSH_MS = 1_200;

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
  let pushConfig: RemoteWriteConfig | undefined;
  if (result.kind === 'run' && result.config.remoteWriteConfigFile !== undefined) {
    const loaded = await readRemoteWriteConfig(result.config.remoteWriteConfigFile);
    if (typeof loaded === 'string') return usageError(loaded);
    pushConfig = loaded;
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
  const registry = config.disableExporterMetrics ? undefined : createExporterRegistry();
  try {
    scraper = createScraper(config, COLLECTORS, config.compatTiny ? [TINY] : [], log, registry);
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
  let writer: RemoteWriter | undefined;
  if (pushConfig !== undefined) {
    const { startRemoteWrite } = await import('./remoteWrite/index.ts');
    const s = scraper;
    writer = startRemoteWrite(pushConfig, () => s.scrape(), log, registry);
    for (const r of pushConfig.receivers) log.info('pushing (remote write)', { remote_name: r.name, url: r.url.href, interval: `${pushConfig.intervalMs / 1000}s` });
  }
  // SIGHUP re-reads --web.config.file (new certificate, users, headers) and --remote-write.config.file
  // (receivers, credentials, interval); a bad file keeps the running one.
  onHangup = () => {
    const webFile = config.webConfigFile;
    const pushFile = config.remoteWriteConfigFile;
    if (webFile === undefined && pushFile === undefined) {
      log.info('SIGHUP: no --web.config.file to reload', { remote_write: 'none' });
      return;
    }
    if (webFile !== undefined) {
      const kept = (err: unknown) => log.error('kept the previous --web.config.file', { file: webFile, err: err instanceof Error ? err.message : String(err) });
      void readWebConfig(webFile).then(async (next) => {
        if (typeof next === 'string') return kept(next);
        await server.reloadWeb(next);
        web = next;
        log.info('reloaded --web.config.file', { file: webFile, tls: next.tls !== undefined, users: next.users.size });
      }).catch(kept);
    }
    if (pushFile !== undefined && writer !== undefined) {
      const w = writer;
      const kept = (err: unknown) => log.error('kept the previous --remote-write.config.file', { file: pushFile, err: err instanceof Error ? err.message : String(err) });
      void readRemoteWriteConfig(pushFile).then((next) => {
        if (typeof next === 'string') return kept(next);
        w.reload(next);
        log.info('reloaded --remote-write.config.file', { file: pushFile, receivers: next.receivers.map((r) => r.name).join(','), interval: `${next.intervalMs / 1000}s` });
      }).catch(kept);
    }
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
      // The push queues flush (for a short while) as the listeners close.
      void Promise.all([server.close(), writer?.stop(PUSH_FLUSH_MS)]).then(() => {
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
