// The push path's entry point, loaded by main.ts only when --remote-write.config.file is given: without
// it, none of this (snappy, the encoder, the queues) is loaded, and start-up and idle memory are as before.
import type { Logger } from '../log.ts';
import type { RegistryType } from '../promClient.ts';
import { PROGRAM, VERSION } from '../version.ts';
import type { RemoteWriteConfig } from './config.ts';
import { registerRemoteWriteMetrics } from './metrics.ts';
import { RemoteWriter } from './remoteWriter.ts';
import type { ScrapeFn } from './remoteWriter.ts';

export { loadRemoteWriteConfig, RemoteWriteConfigError } from './config.ts';
export type { RemoteWriteConfig } from './config.ts';
export { RemoteWriter } from './remoteWriter.ts';

/** The User-Agent of every push, as Prometheus sends "Prometheus/2.x". */
export const USER_AGENT = `${PROGRAM}/${VERSION}`;

/** Starts pushing: the first push at once, then every interval. Self-metrics go on registry, if any. */
export function startRemoteWrite(config: RemoteWriteConfig, scrape: ScrapeFn, log: Logger, registry: RegistryType | undefined): RemoteWriter {
  const writer = new RemoteWriter(config, scrape, log, USER_AGENT);
  if (registry !== undefined) registerRemoteWriteMetrics(registry, () => writer.all);
  writer.start();
  return writer;
}
