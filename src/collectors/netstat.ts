// node_netstat_<Protocol>_<Field> from /proc/net/netstat, /proc/net/snmp and /proc/net/snmp6
// (node_exporter's collector/netstat_linux.go), untyped, filtered by --collector.netstat.fields.
import type { CollectorDefinition } from '../collector.ts';
import type { KernelFs } from '../kernel/kernelFs.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import type { NetStats } from '../procfs/netStat.ts';
import { parseNetStats, parseSnmp6 } from '../procfs/netStat.ts';

const FIELDS = 'collector.netstat.fields';
const DEFAULT_FIELDS =
  '^(.*_(InErrors|InErrs)|Ip_Forwarding|Ip(6|Ext)_(InOctets|OutOctets)|Icmp6?_(InMsgs|OutMsgs)|TcpExt_(Listen.*|Syncookies.*|TCPSynRetrans|TCPTimeouts|TCPOFOQueue|TCPRcvQDrop)|Tcp_(ActiveOpens|InSegs|OutSegs|OutRsts|PassiveOpens|RetransSegs|CurrEstab)|Udp6?_(InDatagrams|OutDatagrams|NoPorts|RcvbufErrors|SndbufErrors))$';

const VALID_NAME = /^[a-zA-Z0-9_:]+$/;

/** snmp6 is absent when IPv6 is disabled: no data from it, not an error. */
function readSnmp6(kernel: KernelFs): NetStats {
  try {
    return parseSnmp6(kernel.readTextSync(kernel.proc('net', 'snmp6')));
  } catch (err) {
    if (isNotFound(err)) return new Map();
    throw err;
  }
}

export const netstat: CollectorDefinition = {
  name: 'netstat',
  defaultEnabled: true,
  help: 'Exposes network statistics from /proc/net/netstat, /proc/net/snmp and /proc/net/snmp6.',
  flags: [{ name: FIELDS, type: 'regex', default: DEFAULT_FIELDS, help: 'Regexp of fields to return for netstat collector.' }],
  create(env) {
    // An empty pattern matches every field in Go; the CLI hands it over as "no regex".
    const pattern = env.flags.regex(FIELDS) ?? /(?:)/;
    return {
      async update(ctx) {
        const netStats = parseNetStats(ctx.kernel.readTextSync(ctx.kernel.proc('net', 'netstat')));
        const snmp = parseNetStats(ctx.kernel.readTextSync(ctx.kernel.proc('net', 'snmp')));
        const snmp6 = readSnmp6(ctx.kernel);
        // As in node_exporter, a protocol of snmp replaces one of the same name from netstat (the kernel
        // never repeats one), and snmp6's protocols all end in "6".
        const merged: NetStats = new Map([...netStats, ...snmp, ...snmp6]);
        const keys: Array<readonly [key: string, help: string, value: number]> = [];
        for (const [protocol, fields] of merged) {
          for (const [name, value] of fields) {
            const key = `${protocol}_${name}`;
            if (VALID_NAME.test(key) && pattern.test(key)) keys.push([key, `Statistic ${protocol}${name}.`, value]);
          }
        }
        keys.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        for (const [key, help, value] of keys) {
          const name = `node_netstat_${key}`;
          ctx.samples(name, help, 'untyped').add(name, {}, value);
        }
      },
    };
  },
};
