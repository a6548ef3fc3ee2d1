// The exporter's own metrics: prom-client's default process_* / nodejs_* set and a build-info gauge.
import { collectDefaultMetrics, Gauge, Registry } from './promClient.ts';
import type { RegistryType } from './promClient.ts';
import { runtimeVersion, VERSION } from './version.ts';

/**
 * How often (ms) Node's event-loop delay monitor samples, behind nodejs_eventloop_lag_*. prom-client's
 * default, 10 ms, wakes an idle exporter 100 times a second: ~1 % of a CPU core here doing nothing
 * (node_exporter idles at 0), more on a router's CPU, and no deep sleep in between. Once a second keeps
 * the figures (the delay of a timer, 15 samples per default scrape interval) for the cost of one wakeup.
 */
export const EVENT_LOOP_MONITOR_MS = 1_000;

export function createExporterRegistry(): RegistryType {
  const reg = new Registry();
  collectDefaultMetrics({ register: reg, eventLoopMonitoringPrecision: EVENT_LOOP_MONITOR_MS });
  // These three are gauges named like counters (promtool objects); the same figures stay available
  // per type in nodejs_active_{handles,requests,resources}.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    reg.removeSingleMetric(name);
  }
  throttleEventLoopStats(reg);
  const info = new Gauge({
    name: 'linux_tiny_exporter_build_info',
    help: 'A metric with a constant 1 value labeled by version, runtime and arch of linux-tiny-exporter.',
    labelNames: ['version', 'runtime', 'goarch'],
    registers: [reg],
  });
  info.set({ version: VERSION, runtime: runtimeVersion(), goarch: process.arch === 'x64' ? 'amd64' : process.arch }, 1);
  return reg;
}

/** Milliseconds between two readings of the event-loop delay histogram. */
export const EVENT_LOOP_STATS_INTERVAL_MS = 1_000;

/**
 * prom-client reads nodejs_eventloop_lag_{min,max,mean,stddev,p50,p90,p99}_seconds from Node's event-loop
 * delay histogram on every scrape, and each of those seven reads walks the whole HDR histogram: ~0.45 ms
 * of CPU per scrape, as much as half the collectors together (measured with bench/). The histogram
 * describes a time window anyway (it is reset at each reading), so it is read at most once per
 * EVENT_LOOP_STATS_INTERVAL_MS; scrapes closer together than that (Prometheus scrapes every 15 s or so)
 * repeat the last window's figures.
 */
function throttleEventLoopStats(reg: RegistryType): void {
  const lag = reg.getSingleMetric('nodejs_eventloop_lag_seconds') as { collect?: () => unknown } | undefined;
  const collect = lag?.collect;
  if (lag === undefined || typeof collect !== 'function') return;
  let last = Number.NEGATIVE_INFINITY;
  lag.collect = function (this: unknown) {
    const now = performance.now();
    if (now - last < EVENT_LOOP_STATS_INTERVAL_MS) return undefined;
    last = now;
    return collect.call(this);
  };
}

/**
 * The registry's exposition with values spelled as the text format spells them. prom-client writes NaN
 * as `Nan` (util.js getValueAsString; `+Inf`/`-Inf` it spells right), which Go's parser tolerates but
 * OpenMetrics parsers reject: nodejs_eventloop_lag_{mean,stddev}_seconds are NaN until the event-loop
 * monitor has its first sample, right after start.
 */
export async function exporterMetricsText(reg: RegistryType): Promise<string> {
  return (await reg.metrics()).replace(/^([^#\n][^\n]*) Nan$/gm, '$1 NaN');
}
