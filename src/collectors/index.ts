// The registry of collectors: the CLI derives --collector.<name> flags from this list.
import type { CollectorDefinition } from '../collector.ts';
import { arp } from './arp.ts';
import { bonding } from './bonding.ts';
import { cgroups } from './cgroups.ts';
import { conntrack } from './conntrack.ts';
import { conntrackTable } from './conntrack_table.ts';
import { cpu } from './cpu.ts';
import { cpufreq } from './cpufreq.ts';
import { diskstats } from './diskstats.ts';
import { entropy } from './entropy.ts';
import { filefd } from './filefd.ts';
import { filesystem } from './filesystem.ts';
import { hwmon } from './hwmon.ts';
import { interrupts } from './interrupts.ts';
import { ipvs } from './ipvs.ts';
import { kernelHung } from './kernel_hung.ts';
import { loadavg } from './loadavg.ts';
import { meminfo } from './meminfo.ts';
import { netclass } from './netclass.ts';
import { netdev } from './netdev.ts';
import { netstat } from './netstat.ts';
import { osRelease } from './os.ts';
import { powersupplyclass } from './powersupplyclass.ts';
import { pressure } from './pressure.ts';
import { processes } from './processes.ts';
import { qdisc } from './qdisc.ts';
import { schedstat } from './schedstat.ts';
import { sockstat } from './sockstat.ts';
import { softirqs } from './softirqs.ts';
import { softnet } from './softnet.ts';
import { stat } from './stat.ts';
import { tcpstat } from './tcpstat.ts';
import { textfile } from './textfile.ts';
import { thermalZone } from './thermal_zone.ts';
import { time } from './time.ts';
import { timex } from './timex.ts';
import { tiny } from './tiny.ts';
import { udpQueues } from './udp_queues.ts';
import { uname } from './uname.ts';
import { vmstat } from './vmstat.ts';
import { wifi } from './wifi.ts';
import { xfrm } from './xfrm.ts';

export const COLLECTORS: readonly CollectorDefinition[] = [
  arp,
  bonding,
  cgroups,
  conntrack,
  conntrackTable,
  cpu,
  cpufreq,
  diskstats,
  entropy,
  filefd,
  filesystem,
  hwmon,
  interrupts,
  ipvs,
  kernelHung,
  loadavg,
  meminfo,
  netclass,
  netdev,
  netstat,
  osRelease,
  powersupplyclass,
  pressure,
  processes,
  qdisc,
  schedstat,
  sockstat,
  softirqs,
  softnet,
  stat,
  tcpstat,
  textfile,
  thermalZone,
  time,
  timex,
  udpQueues,
  uname,
  vmstat,
  wifi,
  xfrm,
];

/** The original Go exporter's metric set, enabled by --compat.tiny rather than --collector.<name>. */
export const TINY: CollectorDefinition = tiny;
