// The bonding driver's sysfs files, as node_exporter's bonding collector reads them:
//   /sys/class/net/bonding_masters                              "bond0 dmz int"
//   /sys/class/net/<master>/bonding/slaves                      "eth0 eth4"
//   /sys/class/net/<master>/lower_<slave>/bonding_slave/mii_status   "up" | "down" | "going down" | "going back"
import { fields } from '../gostrings.ts';

/** Interface names separated by white space (Go's strings.Fields). */
export function parseBondingNames(text: string): string[] {
  return fields(text);
}

/** Whether a slave's mii_status says its link is up (node_exporter: the trimmed text is exactly "up"). */
export function isMiiUp(status: string): boolean {
  return status.trim() === 'up';
}
