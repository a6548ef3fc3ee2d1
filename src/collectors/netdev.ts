import type { CollectorDefinition } from '../collector.ts';
import { deviceFilter } from '../deviceFilter.ts';
import type { KernelFs } from '../kernel/kernelFs.ts';
import type { NetDevStats } from '../procfs/netDev.ts';
import { parseNetDev } from '../procfs/netDev.ts';

const INCLUDE = 'collector.netdev.device-include';
const EXCLUDE = 'collector.netdev.device-exclude';
const OLD_INCLUDE = 'collector.netdev.device-whitelist';
const OLD_EXCLUDE = 'collector.netdev.device-blacklist';
const NETLINK = 'collector.netdev.netlink';

/**
 * rx_nohandler (packets dropped because no protocol handler took them, e.g. on a bridge port) is not
 * in /proc/net/dev; node_exporter gets it over rtnetlink, we read the same kernel counter from
 * <sysfs>/class/net/<dev>/statistics/rx_nohandler. A device without the file just lacks the sample.
 */
const NOHANDLER = 'receive_nohandler';

function readNohandler(kernel: KernelFs, device: string): number | undefined {
  const text = kernel.readTextOptionalSync(kernel.sys('class', 'net', device, 'statistics', 'rx_nohandler'))?.trim();
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * The 16 /proc/net/dev counters under node_exporter's names (netdev_linux.go with its legacy key
 * mapping): node_network_<key>_total, HELP "Network device statistic <key>.".
 */
const COUNTERS: ReadonlyArray<readonly [string, keyof Omit<NetDevStats, 'name'>]> = [
  ['receive_bytes', 'rxBytes'],
  ['receive_packets', 'rxPackets'],
  ['receive_errs', 'rxErrors'],
  ['receive_drop', 'rxDropped'],
  ['receive_fifo', 'rxFifo'],
  ['receive_frame', 'rxFrame'],
  ['receive_compressed', 'rxCompressed'],
  ['receive_multicast', 'rxMulticast'],
  ['transmit_bytes', 'txBytes'],
  ['transmit_packets', 'txPackets'],
  ['transmit_errs', 'txErrors'],
  ['transmit_drop', 'txDropped'],
  ['transmit_fifo', 'txFifo'],
  ['transmit_colls', 'txCollisions'],
  ['transmit_carrier', 'txCarrier'],
  ['transmit_compressed', 'txCompressed'],
];

export const netdev: CollectorDefinition = {
  name: 'netdev',
  defaultEnabled: true,
  help: 'Exposes network interface statistics (/proc/net/dev, rx_nohandler from /sys/class/net).',
  flags: [
    { name: INCLUDE, type: 'regex', help: 'Regexp of net devices to include (mutually exclusive to device-exclude).' },
    { name: EXCLUDE, type: 'regex', help: 'Regexp of net devices to exclude (mutually exclusive to device-include).' },
    { name: OLD_INCLUDE, type: 'regex', help: 'DEPRECATED: Use collector.netdev.device-include' },
    { name: OLD_EXCLUDE, type: 'regex', help: 'DEPRECATED: Use collector.netdev.device-exclude' },
    { name: NETLINK, type: 'boolean', default: true, help: 'Use netlink to gather stats instead of /proc/net/dev. Accepted for compatibility: /proc/net/dev is always read (the same counters).' },
  ],
  create(env) {
    const filter = deviceFilter(env.flags, { include: INCLUDE, exclude: EXCLUDE, deprecatedInclude: OLD_INCLUDE, deprecatedExclude: OLD_EXCLUDE, exclusive: true }, env.log);
    return {
      async update(ctx) {
        const devices = parseNetDev(ctx.kernel.readTextSync(ctx.kernel.proc('net', 'dev')));
        const families = COUNTERS.map(([key, field]) => [ctx.counter(`node_network_${key}_total`, `Network device statistic ${key}.`, ['device']), field] as const);
        const wanted = devices.filter((d) => !filter.ignored(d.name));
        const nohandler = wanted.map((d) => readNohandler(ctx.kernel, d.name));
        const nohandlerFamily = ctx.counter(`node_network_${NOHANDLER}_total`, `Network device statistic ${NOHANDLER}.`, ['device']);
        wanted.forEach((d, i) => {
          for (const [fam, field] of families) fam.set(d[field], d.name);
          const n = nohandler[i];
          if (n !== undefined) nohandlerFamily.set(n, d.name);
        });
      },
    };
  },
};
