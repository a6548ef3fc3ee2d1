// The parts of prom-client the exporter uses, imported from their own modules. prom-client's index.js
// also loads its Pushgateway (node:https, node:tls, node:crypto), Histogram, Summary and cluster
// aggregator: ~30 ms of module loading at every start (node --cpu-prof), for nothing used here.
import Registry from 'prom-client/lib/registry.js';
import Counter from 'prom-client/lib/counter.js';
import Gauge from 'prom-client/lib/gauge.js';
import collectDefaultMetrics from 'prom-client/lib/defaultMetrics.js';

export { collectDefaultMetrics, Counter, Gauge, Registry };
export type { Registry as RegistryType } from 'prom-client';
