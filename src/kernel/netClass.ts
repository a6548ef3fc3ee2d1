// /sys/class/net/<iface>/: the attribute files of each interface, for the netclass collector
// (prometheus/procfs's sysfs.NetClass). speed and duplex run the driver's ethtool get_link_ksettings
// under the RTNL lock (a busy netifd or a Wi-Fi reconfiguration holds it; a PHY on a slow MDIO bus
// answers late): they are read off the event loop and cut at the deadline. The other attributes are
// fields of struct net_device, read without a driver call: synchronously, ~20 at a time.
import type { Dirent } from 'node:fs';
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { NET_CLASS_ATTRIBUTES } from '../sysfs/netClass.ts';

/** Attributes whose read takes the RTNL lock and calls into the driver. */
const RTNL_ATTRIBUTES: ReadonlySet<string> = new Set(['speed', 'duplex']);

/**
 * The interface directory names of /sys/class/net, sorted: links into /sys/devices (directories in
 * some test trees), not regular files such as bonding_masters. Throws the listing's error.
 */
export function netClassInterfaces(kfs: KernelFs): string[] {
  return kfs
    .entriesSync(kfs.sys('class', 'net'))
    .filter((e) => !e.isFile())
    .map((e) => e.name)
    .sort();
}

/**
 * The known attributes of one interface (file name -> trimmed text). Files only: links such as
 * device/ and subdirectories such as statistics/ are not attributes. An attribute that fails to read
 * (EINVAL for speed on a link that is down) is left out; one still stuck at the deadline throws
 * StuckReadError. Undefined when the directory itself cannot be listed (the interface went away).
 */
export async function readNetClassIface(kfs: KernelFs, name: string, deadline: number): Promise<Map<string, string> | undefined> {
  const dir = kfs.sys('class', 'net', name);
  let entries: Dirent[];
  try {
    entries = kfs.entriesSync(dir);
  } catch {
    return undefined;
  }
  const attrs = new Map<string, string>();
  const slow: string[] = [];
  for (const e of entries) {
    if (e.isDirectory() || e.isSymbolicLink() || !NET_CLASS_ATTRIBUTES.has(e.name)) continue;
    if (RTNL_ATTRIBUTES.has(e.name)) {
      slow.push(e.name);
      continue;
    }
    const v = kfs.attrSync(join(dir, e.name));
    if (v !== undefined) attrs.set(e.name, v);
  }
  const values = await kfs.attrsMany(
    slow.map((a) => join(dir, a)),
    deadline,
  );
  slow.forEach((a, i) => {
    const v = values[i];
    if (v !== undefined && !(v instanceof Error)) attrs.set(a, v);
  });
  return attrs;
}
