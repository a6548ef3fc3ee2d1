// node_arp_entries{device} from /proc/net/arp (node_exporter's collector/arp_linux.go).
// node_exporter reads the neighbour table over rtnetlink by default (--collector.arp.netlink) and then
// also exports node_arp_states{device,state}. Node.js has no netlink sockets, so this collector always
// reads /proc/net/arp, which lists the same IPv4 entries (the kernel leaves NUD_NOARP ones out of both),
// and node_arp_states is not exported: the file's flags column cannot tell reachable, stale, delay and
// probe apart. The flag is accepted so that node_exporter command lines keep working.
import type { CollectorDefinition } from '../collector.ts';
import { deviceFilter } from '../deviceFilter.ts';
import { parseNetArp } from '../procfs/netArp.ts';

const INCLUDE = 'collector.arp.device-include';
const EXCLUDE = 'collector.arp.device-exclude';
const NETLINK = 'collector.arp.netlink';

export const arp: CollectorDefinition = {
  name: 'arp',
  defaultEnabled: true,
  help: 'Exposes ARP statistics from /proc/net/arp.',
  flags: [
    { name: INCLUDE, type: 'regex', help: 'Regexp of arp devices to include (mutually exclusive to device-exclude).' },
    { name: EXCLUDE, type: 'regex', help: 'Regexp of arp devices to exclude (mutually exclusive to device-include).' },
    { name: NETLINK, type: 'boolean', default: true, help: 'Use netlink to gather stats instead of /proc/net/arp. Accepted for compatibility: /proc/net/arp is always read.' },
  ],
  create(env) {
    const filter = deviceFilter(env.flags, { include: INCLUDE, exclude: EXCLUDE, exclusive: false });
    return {
      async update(ctx) {
        const counts = new Map<string, number>();
        for (const e of parseNetArp(ctx.kernel.readTextSync(ctx.kernel.proc('net', 'arp')))) counts.set(e.device, (counts.get(e.device) ?? 0) + 1);
        const fam = ctx.gauge('node_arp_entries', 'ARP entries by device', ['device']);
        for (const [device, n] of counts) if (!filter.ignored(device)) fam.set(n, device);
      },
    };
  },
};
