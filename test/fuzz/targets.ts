// What the fuzzer damages: for each parser, the collector(s) that run it and the router fixture's files
// it reads. Paths are relative to the machine root (proc/..., sys/..., etc/...).
export interface FuzzTarget {
  /** The parser under test, e.g. "procfs/netDev". */
  readonly name: string;
  readonly collectors: readonly string[];
  /** Flags of the scrape; =TEXTFILE is the copy's textfile directory, =ROOT/ the copy's root. */
  readonly flags?: readonly string[];
  /** Matches the files (relative paths) whose content is damaged. */
  readonly files: RegExp;
  /** Directories whose entries may be renamed to hostile names (interface, chip, zone names). */
  readonly renameIn?: readonly string[];
  /** Metric names are made from the file's content (so promtool's naming lint does not apply). */
  readonly dynamicNames?: boolean;
  /** NaN is a value the file may legitimately carry and the exporter passes through (textfile, netstat). */
  readonly allowNaN?: boolean;
}

export const TARGETS: readonly FuzzTarget[] = [
  { name: 'procfs/loadavg', collectors: ['loadavg'], files: /^proc\/loadavg$/ },
  { name: 'procfs/stat', collectors: ['stat', 'cpu'], flags: ['--collector.stat.softirq'], files: /^proc\/stat$/ },
  { name: 'procfs/cpuinfo', collectors: ['cpu'], files: /^proc\/cpuinfo$/ },
  { name: 'procfs/meminfo', collectors: ['meminfo'], files: /^proc\/meminfo$/, dynamicNames: true },
  { name: 'procfs/diskstats', collectors: ['diskstats'], files: /^proc\/diskstats$/ },
  { name: 'procfs/interrupts', collectors: ['interrupts'], files: /^proc\/interrupts$/ },
  { name: 'procfs/softirqs', collectors: ['softirqs'], files: /^proc\/softirqs$/ },
  { name: 'procfs/vmstat', collectors: ['vmstat'], files: /^proc\/vmstat$/, dynamicNames: true },
  { name: 'procfs/schedstat', collectors: ['schedstat'], files: /^proc\/schedstat$/ },
  { name: 'procfs/pressure', collectors: ['pressure'], files: /^proc\/pressure\/[a-z]+$/ },
  { name: 'procfs/fileNr', collectors: ['filefd'], files: /^proc\/sys\/fs\/file-nr$/ },
  { name: 'procfs/sysctlValue', collectors: ['entropy', 'kernel_hung', 'conntrack'], files: /^proc\/sys\/(kernel\/random\/[a-z_]+|kernel\/hung_task_detect_count|net\/netfilter\/nf_conntrack_(count|max))$/ },
  { name: 'procfs/netStatNfConntrack', collectors: ['conntrack'], files: /^proc\/net\/stat\/nf_conntrack$/ },
  { name: 'procfs/nfConntrackTable', collectors: ['conntrack_table'], files: /^proc\/net\/nf_conntrack$/ },
  { name: 'procfs/netArp', collectors: ['arp'], files: /^proc\/net\/arp$/ },
  { name: 'procfs/netDev', collectors: ['netdev'], files: /^proc\/net\/dev$/ },
  // node_exporter parses these values with strconv.ParseFloat, which takes "NaN": so do we, and serve it.
  { name: 'procfs/netStat', collectors: ['netstat'], files: /^proc\/net\/(netstat|snmp|snmp6)$/, dynamicNames: true, allowNaN: true },
  { name: 'procfs/netSockstat', collectors: ['sockstat'], files: /^proc\/net\/sockstat6?$/, dynamicNames: true },
  { name: 'procfs/netSoftnet', collectors: ['softnet'], files: /^proc\/net\/softnet_stat$/ },
  { name: 'procfs/netIpSocket (tcp)', collectors: ['tcpstat'], files: /^proc\/net\/tcp6?$/ },
  { name: 'procfs/netIpSocket (udp)', collectors: ['udp_queues'], files: /^proc\/net\/udp6?$/ },
  { name: 'procfs/pidStat', collectors: ['processes'], files: /^proc\/(\d+\/stat|\d+\/task\/\d+\/stat|sys\/kernel\/(threads-max|pid_max))$/ },
  { name: 'procfs/mountinfo', collectors: ['filesystem'], files: /^proc\/1\/mountinfo$/ },
  { name: 'uname (proc/sys/kernel)', collectors: ['uname'], files: /^proc\/sys\/kernel\/(ostype|hostname|osrelease|version|domainname)$/ },
  { name: 'rootfs/osRelease, openwrt, envFile', collectors: ['os'], files: /^(etc\/(os-release|openwrt_release|board\.json)|usr\/lib\/os-release)$/ },
  { name: 'textformat (textfile)', collectors: ['textfile'], flags: ['--collector.textfile.directory=TEXTFILE'], files: /^textfile\/[^/]+\.prom$/, dynamicNames: true, allowNaN: true },
  { name: 'sysfs/hwmon', collectors: ['hwmon'], files: /^sys\/devices\/.*\/hwmon\d+\/[^/]+$/, renameIn: ['sys/class/hwmon'] },
  { name: 'sysfs/thermal', collectors: ['thermal_zone'], files: /^sys\/devices\/virtual\/thermal\/.*\/[^/]+$/ },
  { name: 'sysfs/netClass', collectors: ['netclass'], files: /^sys\/devices\/.*\/net\/[^/]+\/[^/]+$/, renameIn: ['sys/class/net'] },
  { name: 'sysfs/cpufreq, cpuList', collectors: ['cpufreq', 'cpu'], files: /^sys\/devices\/system\/cpu\/.*[^/]+$/ },
  { name: 'sysfs/clocksource (time)', collectors: ['time'], files: /^sys\/devices\/system\/clocksource\/.*[^/]+$/ },
  { name: 'compat tiny', collectors: [], flags: ['--compat.tiny'], files: /^(proc\/(net\/dev|stat|diskstats|meminfo)|sys\/devices\/virtual\/thermal\/thermal_zone\d+\/(type|temp))$/, renameIn: ['sys/class/net'] },
  { name: 'procfs/netStatTable (lnstat)', collectors: ['lnstat'], files: /^proc\/net\/stat\/[a-z_]+$/, dynamicNames: true },
  { name: 'procfs/buddyinfo', collectors: ['buddyinfo'], files: /^proc\/buddyinfo$/ },
  { name: 'procfs/zoneinfo', collectors: ['zoneinfo'], files: /^proc\/zoneinfo$/ },
  { name: 'procfs/slabinfo', collectors: ['slabinfo'], files: /^proc\/slabinfo$/ },
  { name: 'procfs/swaps', collectors: ['swap'], files: /^proc\/swaps$/ },
  {
    name: 'procfs/sysctlValue (sysctl)',
    collectors: ['sysctl'],
    flags: ['--collector.sysctl.include=net.ipv4.tcp_rmem', '--collector.sysctl.include=fs.file-nr:allocated,unused,max', '--collector.sysctl.include-info=net.ipv4.tcp_available_congestion_control'],
    files: /^proc\/sys\/(net\/ipv4\/[a-z_]+|fs\/file-nr)$/,
  },
  { name: 'sysfs/cpuVulnerability', collectors: ['cpu_vulnerabilities'], files: /^sys\/devices\/system\/cpu\/vulnerabilities\/[a-z0-9_]+$/ },
  { name: 'procfs/netRpcNfs', collectors: ['nfs', 'nfsd'], files: /^proc\/net\/rpc\/nfsd?$/ },
  { name: 'procfs/mountstats, mountinfo (strict)', collectors: ['mountstats'], files: /^proc\/2301\/(mountstats|mountinfo)$/ },
  { name: 'procfs/mdstat, sysfs/mdraid', collectors: ['mdadm'], files: /^(proc\/mdstat|sys\/devices\/virtual\/block\/md\d+\/md\/.+)$/ },
  { name: 'sysfs/bcachefs', collectors: ['bcachefs'], files: /^sys\/fs\/bcachefs\/.+$/, renameIn: ['sys/fs/bcachefs/3f6b2a1e-8c4d-4e7a-9b15-0d2c7e9f4a61/counters'], dynamicNames: true },
  { name: 'sysfs/nvme', collectors: ['nvme', 'nvmesubsystem'], files: /^sys\/devices\/(pci[^/]+\/.*\/nvme\/nvme\d+|virtual\/nvme-subsystem\/nvme-subsys\d+)\/.+$/ },
  { name: 'sysfs/dmMultipath', collectors: ['dmmultipath'], files: /^sys\/devices\/virtual\/block\/dm-\d+\/(dm\/.+|size)$/ },
  { name: 'procfs/drbd', collectors: ['drbd'], files: /^proc\/drbd$/ },
  { name: 'procfs/zfs', collectors: ['zfs'], files: /^proc\/spl\/kstat\/zfs\/.+$/, renameIn: ['proc/spl/kstat/zfs', 'proc/spl/kstat/zfs/tank'], dynamicNames: true },
  { name: 'sysfs/xfsStats', collectors: ['xfs'], files: /^sys\/fs\/xfs\/.+\/stats\/stats$/, renameIn: ['sys/fs/xfs'] },
  {
    name: 'sysfs/btrfs',
    collectors: ['btrfs'],
    files: /^sys\/(fs\/btrfs\/.+|devices\/.*\/block\/sdb\/sdb1\/size)$/,
    renameIn: ['sys/fs/btrfs', 'sys/fs/btrfs/c2b1f0e4-6c1d-4f7a-9e3b-5d8a2f61b7c9/devices', 'sys/fs/btrfs/c2b1f0e4-6c1d-4f7a-9e3b-5d8a2f61b7c9/allocation/metadata'],
  },
  { name: 'sysfs/bcache', collectors: ['bcache'], flags: ['--collector.bcache.priorityStats'], files: /^sys\/(fs\/bcache\/.+|devices\/.*\/bcache\/.+)$/, renameIn: ['sys/fs/bcache'] },
  { name: 'procfs/ipvs', collectors: ['ipvs'], files: /^proc\/net\/ip_vs(_stats)?$/ },
  { name: 'procfs/xfrmStat', collectors: ['xfrm'], files: /^proc\/net\/xfrm_stat$/ },
  { name: 'procfs/cgroups', collectors: ['cgroups'], files: /^proc\/cgroups$/ },
  { name: 'sysfs/bonding', collectors: ['bonding'], files: /^sys\/(class\/net\/bonding_masters|devices\/.*\/(bonding\/slaves|bonding_slave\/mii_status))$/ },
  { name: 'tc/qdiscShow', collectors: ['qdisc'], flags: ['--collector.qdisc.fixtures=ROOT/tc'], files: /^tc\/tc-qdisc\.json$/ },
  { name: 'sysfs/watchdog', collectors: ['watchdog'], files: /^sys\/devices\/pci0000:00\/0000:00:1f\.4\/iTCO_wdt\.1\.auto\/watchdog\/watchdog0\/[^/]+$/, renameIn: ['sys/class/watchdog'] },
  { name: 'sysfs/dmi', collectors: ['dmi'], files: /^sys\/devices\/virtual\/dmi\/id\/[^/]+$/ },
  { name: 'sysfs/powercap (rapl)', collectors: ['rapl'], files: /^sys\/devices\/virtual\/powercap\/.*\/(name|energy_uj|max_energy_range_uj)$/, renameIn: ['sys/class/powercap'], dynamicNames: true },
  { name: 'sysfs/edac', collectors: ['edac'], files: /^sys\/devices\/system\/edac\/mc\/mc0\/(.*\/)?[^/]+$/, renameIn: ['sys/devices/system/edac/mc', 'sys/devices/system/edac/mc/mc0'] },
  {
    name: 'sysfs/pciDevice',
    collectors: ['pcidevice'],
    files: /^sys\/devices\/pci0000:00\/(0000:[0-9a-f:.]+\/)+(class|vendor|device|subsystem_vendor|subsystem_device|revision|(max|current)_link_(speed|width)|numa_node|d3cold_allowed|power_state)$/,
    renameIn: ['sys/bus/pci/devices'],
  },
  { name: 'sysfs/drm', collectors: ['drm'], files: /^sys\/devices\/pci0000:00\/0000:00:02\.0\/uevent$/ },
];
