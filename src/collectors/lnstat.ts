// node_lnstat_<column>_total{subsystem,cpu} from the tables under /proc/net/stat/ (node_exporter's
// collector/lnstat_linux.go over procfs's NetStat): arp_cache, ndisc_cache, nf_conntrack, rt_cache...
import type { CollectorDefinition } from '../collector.ts';
import { isMetricName } from '../families.ts';
import { parseNetStatTable } from '../procfs/netStatTable.ts';

export const lnstat: CollectorDefinition = {
  name: 'lnstat',
  defaultEnabled: false,
  help: 'Exposes stats from /proc/net/stat/.',
  create: () => ({
    async update(ctx) {
      const dir = ctx.kernel.proc('net', 'stat');
      // As procfs's glob, a missing /proc/net/stat is no tables (success, nothing exported).
      for (const subsystem of ctx.kernel.listOptionalSync(dir)) {
        const table = parseNetStatTable(ctx.kernel.readTextSync(ctx.kernel.proc('net', 'stat', subsystem)));
        for (const [column, perCpu] of table) {
          const name = `node_lnstat_${column}_total`;
          if (!isMetricName(name)) {
            ctx.log.debug('skipping net/stat column with an unusable name', { collector: 'lnstat', subsystem, column });
            continue;
          }
          const family = ctx.counter(name, 'linux network cache stats', ['subsystem', 'cpu']);
          perCpu.forEach((v, cpu) => family.set(v, subsystem, String(cpu)));
        }
      }
    },
  }),
};
