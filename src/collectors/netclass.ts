// node_network_* properties from /sys/class/net/<iface> (node_exporter's collector/netclass_linux.go in
// its sysfs mode, on prometheus/procfs's sysfs.NetClass). Not the traffic counters: those are netdev's.
import type { Dirent } from 'node:fs';
import { closeSync, openSync, readSync, readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CollectorContext, CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { sysPath } from '../fsread.ts';
import { SYSFS_READ_SIZE, errnoCode, sysReadString } from '../sysfsRead.ts';
import type { NetClassIface, NetClassIntAttribute } from '../sysfs/netClass.ts';
import { NET_CLASS_ATTRIBUTES, adminState, parseNetClassIface, speedBytes } from '../sysfs/netClass.ts';

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

/**
 * Attributes whose read takes the RTNL lock in the kernel (ethtool link settings): a read can wait for as
 * long as another task holds it (a Wi-Fi reconfiguration, a busy netifd), so these are read off the
 * event loop. Every other attribute is a lock-free or short-lock read of a field of struct net_device.
 */
const RTNL_ATTRIBUTES: ReadonlySet<string> = new Set(['speed', 'duplex']);

const syncBuffer = Buffer.alloc(SYSFS_READ_SIZE);

/** util.SysReadFile done synchronously: one read of at most 128 bytes, trimmed; undefined on any error. */
function readAttrSync(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const n = readSync(fd, syncBuffer, 0, SYSFS_READ_SIZE, null);
    return syncBuffer.toString('utf8', 0, n).trim();
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the attribute files of one interface directory (regular files only, as procfs does; links such
 * as device/ and subdirectories such as statistics/ are not attributes). An attribute that fails to read
 * is left out. Returns undefined when the directory itself cannot be listed (the interface went away).
 *
 * The ~20 small reads per interface are done synchronously: through the libuv thread pool they cost
 * about ten times more per scrape (open, read and close are three pool round trips each), for reads
 * that never wait in the kernel; the RTNL-taking ones stay asynchronous.
 */
async function readIface(dir: string): Promise<Map<string, string> | undefined> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  const attrs = new Map<string, string>();
  const slow: string[] = [];
  for (const e of entries) {
    if (!e.isFile() || !NET_CLASS_ATTRIBUTES.has(e.name)) continue;
    if (RTNL_ATTRIBUTES.has(e.name)) {
      slow.push(e.name);
      continue;
    }
    const v = readAttrSync(join(dir, e.name));
    if (v !== undefined) attrs.set(e.name, v);
  }
  const values = await Promise.all(slow.map((a) => sysReadString(join(dir, a)).catch(() => undefined)));
  slow.forEach((a, i) => {
    const v = values[i];
    if (v !== undefined) attrs.set(a, v);
  });
  return attrs;
}

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
        const root = sysPath(ctx.paths, 'class', 'net');
        let entries: Dirent[];
        try {
          entries = await readdir(root, { withFileTypes: true });
        } catch (err) {
          const code = errnoCode(err);
          if (code === 'ENOENT' || code === 'EACCES' || code === 'EPERM') throw new NoDataError(`could not read ${root}: ${code}`);
          throw err;
        }
        // Interfaces are symlinks into /sys/devices (directories in some test trees); regular files such
        // as bonding_masters are not interfaces.
        const names = entries
          .filter((e) => !e.isFile() && !(ignored?.test(e.name) ?? false))
          .map((e) => e.name)
          .sort();
        const read = await Promise.all(names.map((n) => readIface(join(root, n))));
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
