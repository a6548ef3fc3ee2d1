// node_memory_numa_<field>{node} from /sys/devices/system/node/node<N>/meminfo (gauges, bytes for kB
// fields) and numastat (counters, <field>_total), as node_exporter's collector/meminfo_numa_linux.go.
// Both files are printed from the kernel's per-node counters: read synchronously.
import type { CollectorDefinition } from '../collector.ts';
import { isMetricName } from '../families.ts';
import { parseNodeMeminfo, parseNodeNumastat } from '../sysfs/nodeMeminfo.ts';

/** node_exporter's glob node[0-9]* and the node number its regexp takes from the path. */
const NODE_DIR = /^node([0-9]*)/;

export const meminfoNuma: CollectorDefinition = {
  name: 'meminfo_numa',
  defaultEnabled: false,
  help: 'Exposes memory statistics of each NUMA node (/sys/devices/system/node/node*/{meminfo,numastat}).',
  create: () => ({
    async update(ctx) {
      const { kernel } = ctx;
      const usable = (name: string): boolean => {
        if (isMetricName(name)) return true;
        ctx.log.debug('skipping NUMA memory field with an unusable name', { collector: 'meminfo_numa', name });
        return false;
      };
      // No node directory (a kernel without CONFIG_NUMA) is no nodes, as with node_exporter's glob; a
      // node whose files cannot be read or parsed fails the collector.
      for (const dir of kernel.listOptionalSync(kernel.sys('devices', 'system', 'node'))) {
        const m = NODE_DIR.exec(dir);
        if (m === null || m[1] === '') continue;
        for (const f of parseNodeMeminfo(kernel.readTextSync(kernel.sys('devices', 'system', 'node', dir, 'meminfo')))) {
          const name = `node_memory_numa_${f.name}`;
          if (usable(name)) ctx.gauge(name, `Memory information field ${f.name}.`, ['node']).set(f.value, f.node);
        }
        for (const f of parseNodeNumastat(kernel.readTextSync(kernel.sys('devices', 'system', 'node', dir, 'numastat')))) {
          const field = `${f.name}_total`;
          const name = `node_memory_numa_${field}`;
          if (usable(name)) ctx.counter(name, `Memory information field ${field}.`, ['node']).set(f.value, m[1] as string);
        }
      }
    },
  }),
};
