// Bonding masters and their slaves from /sys/class/net (the bonding driver). Every file here is made from
// the driver's own lists and link state under RCU, without a call into the slaves' drivers: read
// synchronously.
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { parseBondingNames } from '../sysfs/bonding.ts';

export interface BondingSlave {
  readonly name: string;
  /** bonding_slave/mii_status, undefined when it cannot be read (the slave left during the scrape). */
  readonly miiStatus: string | undefined;
}

export interface BondingMaster {
  readonly name: string;
  /** undefined when bonding/slaves cannot be read (the master went away after bonding_masters was read). */
  readonly slaves: readonly BondingSlave[] | undefined;
}

/**
 * The masters listed in bonding_masters with their slaves. Throws the error of bonding_masters itself
 * (ENOENT: the bonding module is not loaded).
 */
export function bondingMasters(kfs: KernelFs): BondingMaster[] {
  const net = kfs.sys('class', 'net');
  return parseBondingNames(kfs.readTextSync(join(net, 'bonding_masters'))).map((name) => {
    let slaveNames: string[];
    try {
      slaveNames = parseBondingNames(kfs.readTextSync(join(net, name, 'bonding', 'slaves')));
    } catch {
      return { name, slaves: undefined };
    }
    const slaves = slaveNames.map((slave) => {
      // lower_<slave> since Linux 4.x; slave_<slave> before.
      const status = kfs.attrSync(join(net, name, `lower_${slave}`, 'bonding_slave', 'mii_status')) ?? kfs.attrSync(join(net, name, `slave_${slave}`, 'bonding_slave', 'mii_status'));
      return { name: slave, miiStatus: status };
    });
    return { name, slaves };
  });
}
