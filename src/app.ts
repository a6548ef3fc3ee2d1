// Wires a Config into running collectors, a scraper and HTTP listeners. main.ts handles the process.
import type { Config } from './cli.ts';
import type { Collector, CollectorDefinition } from './collector.ts';
import { createExporterRegistry } from './exporterMetrics.ts';
import { registerHandlerMetrics } from './handlerMetrics.ts';
import type { Logger } from './log.ts';
import type { RegistryType } from './promClient.ts';
import { Scraper, selectCollectors } from './scrape.ts';
import { startServer } from './server.ts';
import type { RunningServer } from './server.ts';
import { PROGRAM } from './version.ts';
import type { WebConfig } from './webConfig.ts';

export function createScraper(
  config: Config,
  defs: readonly CollectorDefinition[],
  extra: readonly CollectorDefinition[],
  log: Logger,
  /** The exporter's own metrics (process_*, nodejs_*, remote-write counts), or undefined when disabled. */
  exporterRegistry: RegistryType | undefined = config.disableExporterMetrics ? undefined : createExporterRegistry(),
): Scraper {
  const instances = new Map<string, Collector>();
  const env = { paths: config.paths, log, flags: config.flags };
  for (const def of [...defs, ...extra]) {
    if (config.collectors.includes(def.name) || extra.includes(def)) instances.set(def.name, def.create(env));
  }
  return new Scraper(instances, config.paths, log, exporterRegistry, config.scrapeTimeoutSeconds);
}

export async function startApp(config: Config, scraper: Scraper, log: Logger, web?: WebConfig): Promise<RunningServer> {
  const enabled = scraper.collectorNames;
  const registry = scraper.exporterRegistry;
  return startServer({
    listen: config.listen,
    telemetryPath: config.telemetryPath,
    maxRequests: config.maxRequests,
    log,
    landingTitle: PROGRAM,
    ...(web !== undefined ? { web } : {}),
    ...(registry !== undefined ? { handlerMetrics: registerHandlerMetrics(registry) } : {}),
    source: {
      scrape: (include, exclude, timeoutSeconds) => scraper.scrape(selectCollectors(enabled, include, exclude), timeoutSeconds),
    },
  });
}
