import type { CollectorDefinition } from '../collector.ts';
import { parseLoadavg } from '../procfs/loadavg.ts';

export const loadavg: CollectorDefinition = {
  name: 'loadavg',
  defaultEnabled: true,
  help: 'Exposes load average (/proc/loadavg).',
  create: () => ({
    async update(ctx) {
      const l = parseLoadavg(ctx.kernel.readTextSync(ctx.kernel.proc('loadavg')));
      ctx.gauge('node_load1', '1m load average.').set(l.load1);
      ctx.gauge('node_load5', '5m load average.').set(l.load5);
      ctx.gauge('node_load15', '15m load average.').set(l.load15);
    },
  }),
};
