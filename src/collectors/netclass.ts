// node_network_* properties from /sys/class/net/<iface> (node_exporter's collector/netclass_linux.go in
// its sysfs mode, on prometheus/procfs's sysfs.NetClass). Not the traffic counters: those are netdev's.
import type { CollectorContext, CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { netClassInterfaces, readNetClassIface } from '../kernel/netClass.ts';
import { classifyReadError, errnoCode } from '../kernel/readErrors.ts';
import type { NetClassIface, NetClassIntAttribute } from '../sysfs/netClass.ts';
import { adminState, parseNetClassIface, speedBytes } from '../sysfs/netClass.ts';

const IGNORED = 'collector.netclass.ignored-devices';
const INVALID_SPEED = 'collector.netclass.ignore-invalid-speed';

/** Integer properties exported as node_network_<name>{device}, in node_exporter's order. */
const PROPERTIES: ReadonlyArray<readonly [name: string, attr: NetClassIntAttribute, type: 'gauge' | 'counter']> = [
  ['address_assign_type', 'addr_assign_type', 'gauge'],
  ['carrier', 'carrier', 'gauge'],
  ['carrier_changes_total', 'carrier_changes', 'counter'],
  ['carrier_up_changes_total', 'carrier_up_count', 'counter'],
  ['carrier_down_changes_total', 'carrier_down_count', 'counter'],
  ['device_id', 'dev_id', 'gauge'],
  ['dormant', 'dormant', 'gauge'],
  ['flags', 'flags', 'gauge'],
  ['iface_id', 'ifindex', 'gauge'],
  ['iface_link', 'iflink', 'gauge'],
  ['iface_link_mode', 'link_mode', 'gauge'],
  ['mtu_bytes', 'mtu', 'gauge'],
  ['net_dev_group', 'netdev_group', 'gauge'],
  ['name_assign_type', 'name_assign_type', 'gauge'],
];
const TRAILING: ReadonlyArray<readonly [name: string, attr: NetClassIntAttribute]> = [
  ['transmit_queue_length', 'tx_queue_len'],
  ['protocol_type', 'type'],
];

const INFO_LABELS = ['address', 'adminstate', 'broadcast', 'device', 'duplex', 'ifalias', 'operstate'] as const;

function emit(ctx: CollectorContext, iface: NetClassIface, ignoreInvalidSpeed: boolean): void {
  const dev = iface.name;
  ctx.gauge('node_network_up', "Value is 1 if operstate is 'up', 0 otherwise.", ['device']).set(iface.operstate === 'up' ? 1 : 0, dev);
  ctx
    .gauge('node_network_info', 'Non-numeric data from /sys/class/net/<iface>, value is always 1.', INFO_LABELS)
    .set(1, iface.address, adminState(iface.ints.get('flags')), iface.broadcast, dev, iface.duplex, iface.ifalias, iface.operstate);

  const property = (name: string, type: 'gauge' | 'counter', value: number | undefined): void => {
    if (value === undefined) return;
    const help = `Network device property: ${name}`;
    (type === 'gauge' ? ctx.gauge(`node_network_${name}`, help, ['device']) : ctx.counter(`node_network_${name}`, help, ['device'])).set(value, dev);
  };
  for (const [name, attr, type] of PROPERTIES) property(name, type, iface.ints.get(attr));
  const speed = iface.ints.get('speed');
  // Some devices report -1 when the speed is unknown; node_exporter exports it unless told not to.
  if (speed !== undefined && (speed >= 0 || !ignoreInvalidSpeed)) property('speed_bytes', 'gauge', speedBytes(speed));
  for (const [name, attr] of TRAILING) property(name, 'gauge', iface.ints.get(attr));
}

export const netclass: CollectorDefinition = {
  name: 'netclass',
  defaultEnabled: true,
  help: 'Exposes network interface info from sysfs (/sys/class/net).',
  flags: [
    { name: IGNORED, type: 'regex', default: '^$', help: 'Regexp of net devices to ignore for netclass collector.' },
    { name: INVALID_SPEED, type: 'boolean', default: false, help: 'Ignore devices where the speed is invalid. This will be the default behavior in 2.x.' },
  ],
  create(env) {
    // An empty pattern matches every name in Go, as here; the CLI hands it over as "no regex".
    const ignored = env.flags.regex(IGNORED) ?? (env.flags.string(IGNORED) === '' ? /(?:)/ : undefined);
    const ignoreInvalidSpeed = env.flags.boolean(INVALID_SPEED);
    return {
      async update(ctx) {
        let all: string[];
        try {
          all = netClassInterfaces(ctx.kernel);
        } catch (err) {
          const kind = classifyReadError(err);
          if (kind === 'missing' || kind === 'permission') throw new NoDataError(`could not read ${ctx.kernel.sys('class', 'net')}: ${errnoCode(err) ?? kind}`);
          throw err;
        }
        const names = all.filter((n) => !(ignored?.test(n) ?? false));
        const read = await Promise.all(names.map((n) => readNetClassIface(ctx.kernel, n, ctx.deadline)));
        names.forEach((name, i) => {
          const attrs = read[i];
          if (attrs === undefined) {
            ctx.log.debug('skipping net device that could not be read', { device: name });
            return;
          }
          emit(ctx, parseNetClassIface(name, attrs), ignoreInvalidSpeed);
        });
      },
    };
  },
};
