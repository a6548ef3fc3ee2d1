// node_buddyinfo_blocks{node,zone,size} from /proc/buddyinfo (node_exporter's collector/buddyinfo.go).
import type { CollectorDefinition } from '../collector.ts';
import { parseBuddyinfo } from '../procfs/buddyinfo.ts';

export const buddyinfo: CollectorDefinition = {
  name: 'buddyinfo',
  defaultEnabled: false,
  help: 'Exposes statistics of memory fragments as reported by /proc/buddyinfo.',
  create: () => ({
    async update(ctx) {
      const family = ctx.gauge('node_buddyinfo_blocks', 'Count of free blocks according to size.', ['node', 'zone', 'size']);
      for (const z of parseBuddyinfo(ctx.kernel.readTextSync(ctx.kernel.proc('buddyinfo')))) {
        z.sizes.forEach((v, order) => family.set(v, z.node, z.zone, String(order)));
      }
    },
  }),
};
