// The registry of collectors: the CLI derives --collector.<name> flags from this list.
import type { CollectorDefinition } from '../collector.ts';
import { loadavg } from './loadavg.ts';

export const COLLECTORS: readonly CollectorDefinition[] = [
  loadavg,
];

/** The original Go exporter's metric set, enabled by --compat.tiny rather than --collector.<name>. */
export const TINY: CollectorDefinition = {
  name: 'tiny',
  defaultEnabled: false,
  help: "The original exporter's metrics.",
  create: () => ({ async update() {} }),
};
