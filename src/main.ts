// Process edge: argv, exit codes, signals.
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
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info('shutting down', { signal });
      const force = setTimeout(() => resolve(0), 10_000);
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
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${PROGRAM}: fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
