// node_exporter's promhttp_metric_handler_* for our /metrics handler (client_golang's
// promhttp.InstrumentMetricHandler): requests by status code, requests in flight, internal errors.
// They live in the exporter's own registry, so --web.disable-exporter-metrics drops them as it does
// in node_exporter.
import { Counter, Gauge } from './promClient.ts';
import type { RegistryType } from './promClient.ts';

export type HandlerErrorCause = 'encoding' | 'gathering';

/** What the server tells about each request it answers on the metrics path. */
export interface HandlerMetrics {
  /**
   * A request reached the handler; the returned function is called once when it is answered, with the
   * status sent, or with none for an answer client_golang's handler never gives (node_exporter refuses a
   * bad collect[] with 400 before its instrumented handler runs).
   */
  begin(): (status?: number) => void;
  error(cause: HandlerErrorCause): void;
}

const handlers = new WeakMap<RegistryType, HandlerMetrics>();

/**
 * Registers the three families (with client_golang's initial label values at 0) in reg; a registry that
 * has them already (a second server on the same scraper) keeps counting in the same ones.
 */
export function registerHandlerMetrics(reg: RegistryType): HandlerMetrics {
  const known = handlers.get(reg);
  if (known !== undefined) return known;
  const requests = new Counter({ name: 'promhttp_metric_handler_requests_total', help: 'Total number of scrapes by HTTP status code.', labelNames: ['code'], registers: [reg] });
  const inFlight = new Gauge({ name: 'promhttp_metric_handler_requests_in_flight', help: 'Current number of scrapes being served.', registers: [reg] });
  const errors = new Counter({ name: 'promhttp_metric_handler_errors_total', help: 'Total number of internal errors encountered by the promhttp metric handler.', labelNames: ['cause'], registers: [reg] });
  for (const code of ['200', '500', '503']) requests.inc({ code }, 0);
  for (const cause of ['encoding', 'gathering']) errors.inc({ cause }, 0);
  const metrics: HandlerMetrics = {
    begin() {
      inFlight.inc();
      let done = false;
      return (status) => {
        if (done) return;
        done = true;
        inFlight.dec();
        if (status !== undefined) requests.inc({ code: String(status) });
      };
    },
    error: (cause) => errors.inc({ cause }),
  };
  handlers.set(reg, metrics);
  return metrics;
}
