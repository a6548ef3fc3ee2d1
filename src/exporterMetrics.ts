// The exporter's own metrics: prom-client's default process_* / nodejs_* set and a build-info gauge.
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { runtimeVersion, VERSION } from './version.ts';

export function createExporterRegistry(): Registry {
  const reg = new Registry();
  collectDefaultMetrics({ register: reg });
  // These three are gauges named like counters (promtool objects); the same figures stay available
  // per type in nodejs_active_{handles,requests,resources}.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    reg.removeSingleMetric(name);
  }
  const info = new Gauge({
    name: 'linux_tiny_exporter_build_info',
    help: 'A metric with a constant 1 value labeled by version, runtime and arch of linux-tiny-exporter.',
    labelNames: ['version', 'runtime', 'goarch'],
    registers: [reg],
  });
  info.set({ version: VERSION, runtime: runtimeVersion(), goarch: process.arch === 'x64' ? 'amd64' : process.arch }, 1);
  return reg;
}
