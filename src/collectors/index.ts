// The registry of collectors: the CLI derives --collector.<name> flags from this list.
import type { CollectorDefinition } from '../collector.ts';
import { arp } from './arp.ts';
import { bcache } from './bcache.ts';
import { bcachefs } from './bcachefs.ts';
import { bonding } from './bonding.ts';
import { btrfs } from './btrfs.ts';
import { buddyinfo } from './buddyinfo.ts';
import { cgroups } from './cgroups.ts';
import { conntrack } from './conntrack.ts';
import { conntrackTable } from './conntrack_table.ts';
import { cpu } from './cpu.ts';
import { cpuVulnerabilities } from './cpu_vulnerabilities.ts';
import { cpufreq } from './cpufreq.ts';
import { diskstats } from './diskstats.ts';
import { dmi } from './dmi.ts';
import { dmmultipath } from './dmmultipath.ts';
import { drbd } from './drbd.ts';
import { drm } from './drm.ts';
import { edac } from './edac.ts';
import { entropy } from './entropy.ts';
import { fibrechannel } from './fibrechannel.ts';
import { filefd } from './filefd.ts';
import { filesystem } from './filesystem.ts';
import { hwmon } from './hwmon.ts';
import { infiniband } from './infiniband.ts';
import { interrupts } from './interrupts.ts';
import { ipvs } from './ipvs.ts';
import { kernelHung } from './kernel_hung.ts';
import { ksmd } from './ksmd.ts';
import { lnstat } from './lnstat.ts';
import { loadavg } from './loadavg.ts';
import { mdadm } from './mdadm.ts';
import { meminfo } from './meminfo.ts';
import { meminfoNuma } from './meminfo_numa.ts';
import { mountstats } from './mountstats.ts';
import { netclass } from './netclass.ts';
import { netdev } from './netdev.ts';
import { netstat } from './netstat.ts';
import { nfs } from './nfs.ts';
import { nfsd } from './nfsd.ts';
import { nvme } from './nvme.ts';
import { nvmesubsystem } from './nvmesubsystem.ts';
import { osRelease } from './os.ts';
import { pcidevice } from './pcidevice.ts';
import { powersupplyclass } from './powersupplyclass.ts';
import { pressure } from './pressure.ts';
import { processes } from './processes.ts';
import { qdisc } from './qdisc.ts';
import { rapl } from './rapl.ts';
import { schedstat } from './schedstat.ts';
import { selinux } from './selinux.ts';
import { slabinfo } from './slabinfo.ts';
import { sockstat } from './sockstat.ts';
import { softirqs } from './softirqs.ts';
import { softnet } from './softnet.ts';
import { stat } from './stat.ts';
import { swap } from './swap.ts';
import { sysctl } from './sysctl.ts';
import { tapestats } from './tapestats.ts';
import { tcpstat } from './tcpstat.ts';
import { textfile } from './textfile.ts';
import { thermalZone } from './thermal_zone.ts';
import { time } from './time.ts';
import { timex } from './timex.ts';
import { tiny } from './tiny.ts';
import { udpQueues } from './udp_queues.ts';
import { uname } from './uname.ts';
import { vmstat } from './vmstat.ts';
import { watchdog } from './watchdog.ts';
import { wifi } from './wifi.ts';
import { xfrm } from './xfrm.ts';
import { xfs } from './xfs.ts';
import { zfs } from './zfs.ts';
import { zoneinfo } from './zoneinfo.ts';

export const COLLECTORS: readonly CollectorDefinition[] = [
  arp,
  bcache,
  bcachefs,
  bonding,
  btrfs,
  buddyinfo,
  cgroups,
  conntrack,
  conntrackTable,
  cpu,
  cpuVulnerabilities,
  cpufreq,
  diskstats,
  dmi,
  dmmultipath,
  drbd,
  drm,
  edac,
  entropy,
  fibrechannel,
  filefd,
  filesystem,
  hwmon,
  infiniband,
  interrupts,
  ipvs,
  kernelHung,
  ksmd,
  lnstat,
  loadavg,
  mdadm,
  meminfo,
  meminfoNuma,
  mountstats,
  netclass,
  netdev,
  netstat,
  nfs,
  nfsd,
  nvme,
  nvmesubsystem,
  osRelease,
  pcidevice,
  powersupplyclass,
  pressure,
  processes,
  qdisc,
  rapl,
  schedstat,
  selinux,
  slabinfo,
  sockstat,
  softirqs,
  softnet,
  stat,
  swap,
  sysctl,
  tapestats,
  tcpstat,
  textfile,
  thermalZone,
  time,
  timex,
  udpQueues,
  uname,
  vmstat,
  watchdog,
  wifi,
  xfrm,
  xfs,
  zfs,
  zoneinfo,
];

/** The original Go exporter's metric set, enabled by --compat.tiny rather than --collector.<name>. */
export const TINY: CollectorDefinition = tiny;
