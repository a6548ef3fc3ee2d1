import type { CollectorDefinition } from '../collector.ts';
import { isMetricName } from '../families.ts';
import { parseMeminfo } from '../procfs/meminfo.ts';

/**
 * node_exporter's name for a meminfo key: "Active(anon)" -> "Active_anon", plus "_bytes" for kB lines
 * ("HugePages_Total" has no unit and keeps its name).
 */
export function meminfoFieldName(key: string, unit: 'kB' | undefined): string {
  const base = key.replace(/\((.*)\)/, '_$1');
  return unit === 'kB' ? `${base}_bytes` : base;
}

export const meminfo: CollectorDefinition = {
  name: 'meminfo',
  defaultEnabled: true,
  help: 'Exposes memory statistics (/proc/meminfo).',
  create: () => ({
    async update(ctx) {
      const entries = parseMeminfo(ctx.kernel.readTextSync(ctx.kernel.proc('meminfo')));
      for (const e of entries) {
        const field = meminfoFieldName(e.key, e.unit);
        const name = `node_memory_${field}`;
        if (!isMetricName(name)) {
          ctx.log.debug('skipping meminfo field with an unusable name', { collector: 'meminfo', key: e.key });
          continue;
        }
        ctx.gauge(name, `Memory information field ${field}.`).set(e.unit === 'kB' ? e.value * 1024 : e.value);
      }
    },
  }),
};
