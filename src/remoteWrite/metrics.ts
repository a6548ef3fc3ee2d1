// The push path's self-metrics, named after Prometheus' own prometheus_remote_storage_* and labelled
// the same way (remote_name, url), on the exporter's registry: they are served on /metrics (and pushed)
// with the process_* metrics, and go with them under --web.disable-exporter-metrics. Values are read
// from the receivers' counts at each scrape.
import type { RegistryType } from '../promClient.ts';
import { Counter, Gauge } from '../promClient.ts';
import type { Receiver, ReceiverStats } from './receiver.ts';

const PREFIX = 'linux_tiny_exporter_remote_storage_';
const LABELS = ['remote_name', 'url'] as const;

type Read = (r: Receiver) => number;

const COUNTERS: readonly (readonly [string, string, Read])[] = [
  ['samples_total', 'Total number of samples sent to remote storage (accepted by the receiver).', (r) => r.stats.sent],
  ['samples_failed_total', 'Total number of samples refused by the receiver (HTTP 4xx other than 429): dropped, not retried.', (r) => r.stats.failed],
  ['samples_retried_total', 'Total number of samples sent again after a network error, timeout, 5xx or 429.', (r) => r.stats.retried],
  ['samples_dropped_total', 'Total number of samples dropped from a full queue, oldest first.', (r) => r.stats.dropped],
  ['bytes_total', 'Total number of compressed bytes of requests accepted by remote storage, metadata included.', (r) => r.stats.bytes],
];

const REQUEST_OUTCOMES: readonly (keyof ReceiverStats['requests'])[] = ['sent', 'retry', 'drop'];

const GAUGES: readonly (readonly [string, string, Read])[] = [
  ['samples_pending', 'Number of samples queued, waiting to be sent.', (r) => r.queue.pendingSamples],
  ['samples_capacity', 'Most samples the queue holds (queue_config.capacity); beyond it the oldest are dropped.', (r) => r.queue.capacity],
  ['queue_bytes', 'Bytes of sample values (and timestamps of their own) held in the queue; the series labels are held once, for all queued pushes.', (r) => r.queue.bytes],
  ['queue_highest_sent_timestamp_seconds', 'Collection time of the newest sample accepted by remote storage (0: none yet).', (r) => r.stats.highestSentMs / 1000],
  ['last_send_success_timestamp_seconds', 'Time of the last request accepted by remote storage (0: none yet).', (r) => r.stats.lastSuccessMs / 1000],
];

/** Registers the self-metrics; receivers() is read at every scrape, so a SIGHUP's new receivers show up. */
export function registerRemoteWriteMetrics(registry: RegistryType, receivers: () => readonly Receiver[]): void {
  for (const [name, help, read] of COUNTERS) {
    new Counter({
      name: PREFIX + name,
      help,
      labelNames: LABELS,
      registers: [registry],
      collect() {
        this.reset();
        for (const r of receivers()) this.inc({ remote_name: r.name, url: r.url }, read(r));
      },
    });
  }
  new Counter({
    name: `${PREFIX}requests_total`,
    help: 'Total number of requests made to remote storage, by outcome: sent (2xx), retry (network error, timeout, 5xx, 429), drop (other 4xx).',
    labelNames: [...LABELS, 'outcome'],
    registers: [registry],
    collect() {
      this.reset();
      for (const r of receivers()) for (const outcome of REQUEST_OUTCOMES) this.inc({ remote_name: r.name, url: r.url, outcome }, r.stats.requests[outcome]);
    },
  });
  for (const [name, help, read] of GAUGES) {
    new Gauge({
      name: PREFIX + name,
      help,
      labelNames: LABELS,
      registers: [registry],
      collect() {
        this.reset();
        for (const r of receivers()) this.set({ remote_name: r.name, url: r.url }, read(r));
      },
    });
  }
}
