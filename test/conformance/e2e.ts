// node_exporter's end-to-end run (its end-to-end-test.sh at 1.12.1) on its own fixtures, redone with our
// exporter: which collectors and flags it used, which of its families are left out of the comparison
// and why, which collector serves which family, and the comparison itself (../shared/tools/promdiff.mjs,
// sample by sample). Used by test/conformance/e2e.test.ts and by `make conformance`, which prints the
// table the README shows. Node built-ins only (no vitest), so that the script can bundle it.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectorDefinition } from '../../src/collector.ts';

/** Collectors node_exporter's e2e run enables (its `enabled_collectors`). */
export const E2E_ENABLED: readonly string[] = [
  'arp', 'bcache', 'bcachefs', 'bonding', 'btrfs', 'buddyinfo', 'cgroups', 'conntrack', 'cpu', 'cpufreq', 'cpu_vulnerabilities',
  'diskstats', 'dmi', 'drbd', 'edac', 'entropy', 'fibrechannel', 'filefd', 'hwmon', 'infiniband', 'interrupts', 'ipvs', 'kernel_hung',
  'ksmd', 'lnstat', 'loadavg', 'mdadm', 'meminfo', 'meminfo_numa', 'mountstats', 'netdev', 'netstat', 'nfs', 'nfsd', 'pcidevice',
  'pressure', 'processes', 'qdisc', 'rapl', 'schedstat', 'slabinfo', 'sockstat', 'softirqs', 'stat', 'sysctl', 'textfile',
  'thermal_zone', 'udp_queues', 'vmstat', 'watchdog', 'wifi', 'xfrm', 'xfs', 'zfs', 'zoneinfo',
];

/** Collectors it disables (its `disabled_collectors`): host-dependent. */
export const E2E_DISABLED: readonly string[] = ['selinux', 'filesystem', 'timex', 'uname'];

/**
 * Collectors we leave out of our run although node_exporter enabled them: their families are left out
 * of the comparison (node_exporter read JSON fixtures of its own for them, through test-only flags);
 * test/conformance/wifi.test.ts and qdisc's own test compare them on those fixtures.
 */
export const E2E_OWN_FIXTURES: readonly string[] = ['wifi', 'qdisc'];

/** Its collector flags as it passes them (x86_64: with cpu.info; false: --no-…), fixture paths as {…}. */
export const E2E_FLAGS: readonly (readonly [string, string | boolean])[] = [
  ['collector.arp.device-exclude', 'nope'],
  ['collector.bcache.priorityStats', true],
  ['collector.cpu.info', true],
  ['collector.cpu.info.bugs-include', '^(cpu_meltdown|spectre_.*|mds)$'],
  ['collector.cpu.info.flags-include', '^(aes|avx.?|constant_tsc)$'],
  ['collector.hwmon.chip-include', '(applesmc|asus_nb_wmi|coretemp|hwmon4|ieee80211|nct6779)'],
  ['collector.netclass.ignore-invalid-speed', true],
  ['collector.netclass.ignored-devices', '(dmz|int)'],
  ['collector.netdev.device-include', 'lo'],
  ['collector.stat.softirq', true],
  ['collector.sysctl.include-info', 'kernel.seccomp.actions_avail'],
  ['collector.sysctl.include', 'fs.file-nr'],
  ['collector.sysctl.include', 'fs.file-nr:total,current,max'],
  ['collector.sysctl.include', 'kernel.threads-max'],
  ['collector.textfile.directory', '{textfile}/two_metric_files/'],
  ['collector.arp.netlink', false],
];

/**
 * Families of e2e-output.txt left out of the comparison (the issue's count of 2,906 samples is what
 * remains): netdev's counters (node_exporter read the live host's `lo` over netlink, not proc/net/dev),
 * wifi and qdisc (its own JSON fixtures), scrape durations and successes (timings; the successes of
 * collectors we do not run), textfile mtimes and node_time_* (the clock and the files' times).
 */
export const LEFT_OUT = 'node_network_(receive|transmit)_.*_total|node_wifi_.*|node_qdisc_.*|node_scrape_collector_.*|node_textfile_mtime_seconds|node_time_.*';

/**
 * Which collector serves which families (anchored regexes; the first match wins, so a collector whose
 * prefix is inside another's comes first).
 */
export const COLLECTOR_FAMILIES: readonly (readonly [string, string])[] = [
  ['arp', 'node_arp_.*'],
  ['bcachefs', 'node_bcachefs_.*'],
  ['bcache', 'node_bcache_.*'],
  ['bonding', 'node_bonding_.*'],
  ['btrfs', 'node_btrfs_.*'],
  ['buddyinfo', 'node_buddyinfo_.*'],
  ['cgroups', 'node_cgroups_.*'],
  ['conntrack', 'node_nf_conntrack_.*'],
  ['cpu_vulnerabilities', 'node_cpu_vulnerabilities_.*'],
  ['cpufreq', 'node_cpu_scaling_.*|node_cpu_frequency_.*'],
  ['cpu', 'node_cpu_.*'],
  ['diskstats', 'node_disk_.*'],
  ['dmi', 'node_dmi_.*'],
  ['dmmultipath', 'node_dmmultipath_.*'],
  ['drbd', 'node_drbd_.*'],
  ['edac', 'node_edac_.*'],
  ['entropy', 'node_entropy_.*'],
  ['fibrechannel', 'node_fibrechannel_.*'],
  ['filefd', 'node_filefd_.*'],
  ['hwmon', 'node_hwmon_.*'],
  ['infiniband', 'node_infiniband_.*'],
  ['interrupts', 'node_interrupts_total'],
  ['ipvs', 'node_ipvs_.*'],
  ['kernel_hung', 'node_kernel_hung_.*'],
  ['ksmd', 'node_ksmd_.*'],
  ['lnstat', 'node_lnstat_.*'],
  ['loadavg', 'node_load(1|5|15)'],
  ['mdadm', 'node_md_.*'],
  ['meminfo_numa', 'node_memory_numa_.*'],
  ['meminfo', 'node_memory_.*'],
  ['mountstats', 'node_mountstats_.*'],
  ['netdev', 'node_network_(receive|transmit)_.*_total'],
  ['netclass', 'node_network_.*'],
  ['netstat', 'node_netstat_.*'],
  ['nfsd', 'node_nfsd_.*'],
  ['nfs', 'node_nfs_.*'],
  ['nvme', 'node_nvme_.*'],
  ['os', 'node_os_.*'],
  ['pcidevice', 'node_pcidevice_.*'],
  ['powersupplyclass', 'node_power_supply_.*'],
  ['pressure', 'node_pressure_.*'],
  ['processes', 'node_processes_.*'],
  ['rapl', 'node_rapl_.*'],
  ['schedstat', 'node_schedstat_.*'],
  ['slabinfo', 'node_slabinfo_.*'],
  ['sockstat', 'node_sockstat_.*'],
  ['softirqs', 'node_softirqs_functions_.*'],
  ['stat', 'node_(boot_time_seconds|context_switches_total|forks_total|intr_total|procs_.*|softirqs_total)'],
  ['softnet', 'node_softnet_.*'],
  ['sysctl', 'node_sysctl_.*'],
  ['tapestats', 'node_tape_.*'],
  ['textfile', 'node_textfile_.*|testmetric.*'],
  ['thermal_zone', 'node_thermal_zone_.*|node_cooling_device_.*'],
  ['udp_queues', 'node_udp_queues'],
  ['vmstat', 'node_vmstat_.*'],
  ['watchdog', 'node_watchdog_.*'],
  ['xfrm', 'node_xfrm_.*'],
  ['xfs', 'node_xfs_.*'],
  ['zfs', 'node_zfs_.*'],
  ['zoneinfo', 'node_zoneinfo_.*'],
  ['exporter (promhttp)', 'promhttp_metric_handler_.*'],
];

/** Where the fixtures are: node_exporter's tree, its proc/ with the self link and its sys/ with links restored. */
export interface E2ETree {
  readonly conformance: string;
  readonly procfs: string;
  readonly sysfs: string;
}

export interface E2EArgv {
  readonly argv: string[];
  /** Collectors the e2e run enables that we do not have. */
  readonly missingCollectors: string[];
  /** Its flags we do not declare (left out of our run). */
  readonly missingFlags: string[];
}

/** Our command line for node_exporter's e2e run, with what of it we cannot take. */
export function e2eArgv(defs: readonly CollectorDefinition[], tree: E2ETree): E2EArgv {
  const have = new Set(defs.map((d) => d.name));
  const flags = new Set(defs.flatMap((d) => (d.flags ?? []).map((f) => f.name)));
  const argv = [
    `--path.rootfs=${tree.conformance}`,
    `--path.procfs=${tree.procfs}`,
    `--path.sysfs=${tree.sysfs}`,
    `--path.udev.data=${join(tree.conformance, 'udev', 'data')}`,
  ];
  // As there, the default collectors run too (netclass, os, powersupplyclass, nvme, tapestats…).
  const missingCollectors: string[] = [];
  for (const c of E2E_ENABLED) {
    if (E2E_OWN_FIXTURES.includes(c)) continue;
    if (have.has(c)) argv.push(`--collector.${c}`);
    else missingCollectors.push(c);
  }
  for (const c of [...E2E_DISABLED, ...E2E_OWN_FIXTURES]) if (have.has(c)) argv.push(`--no-collector.${c}`);
  const missingFlags: string[] = [];
  for (const [name, value] of E2E_FLAGS) {
    if (!flags.has(name)) {
      missingFlags.push(name);
      continue;
    }
    if (value === true) argv.push(`--${name}`);
    else if (value === false) argv.push(`--no-${name}`);
    else argv.push(`--${name}=${value.replace('{textfile}', join(tree.conformance, 'textfile'))}`);
  }
  return { argv, missingCollectors, missingFlags };
}

export interface Matched {
  readonly matched: number;
  readonly expected: number;
  /** promdiff's report of the differences (empty when all match and nothing is extra). */
  readonly report: string;
}

const SUMMARY = /(\d+)\/(\d+) expected samples matched/;

/** promdiff of e2e-output.txt against actual (a file), on the families given (and not left out). */
export async function promdiff(shared: string, conformance: string, actualFile: string, families?: string): Promise<Matched> {
  const args = [join(shared, 'tools', 'promdiff.mjs'), join(conformance, 'e2e-output.txt'), actualFile, '--ignore', LEFT_OUT, '--only-expected'];
  if (families !== undefined) args.push('--families', families);
  // Its report goes to a file: promdiff exits right after printing, and a pipe that is full by then
  // (a long report) loses the rest, the summary with it.
  const dir = mkdtempSync(join(tmpdir(), 'lte-promdiff-'));
  const outFile = join(dir, 'out');
  const fd = openSync(outFile, 'w');
  let out: string;
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', fd, fd] });
      child.on('error', reject);
      child.on('exit', () => resolve());
    });
    out = readFileSync(outFile, 'utf8');
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  const m = SUMMARY.exec(out);
  if (m === null) throw new Error(`promdiff printed no summary:\n${out.slice(-2000)}`);
  const lines = out.trim().split('\n');
  return { matched: Number(m[1]), expected: Number(m[2]), report: lines.slice(0, -1).join('\n') };
}

/** The families of each collector of COLLECTOR_FAMILIES (less those an earlier entry claims). */
export function familiesOf(collector: string): string {
  const i = COLLECTOR_FAMILIES.findIndex(([c]) => c === collector);
  if (i < 0) throw new Error(`no families for ${collector}`);
  const earlier = COLLECTOR_FAMILIES.slice(0, i).map(([, re]) => re);
  const re = COLLECTOR_FAMILIES[i]![1];
  return earlier.length === 0 ? re : `(?!(?:${earlier.join('|')})$)(?:${re})`;
}

export interface CollectorRow extends Matched {
  readonly collector: string;
}

/** One row per entry of COLLECTOR_FAMILIES (promdiff runs, a few at a time). */
export async function compareByCollector(shared: string, conformance: string, actualFile: string): Promise<CollectorRow[]> {
  const rows: CollectorRow[] = [];
  const queue = COLLECTOR_FAMILIES.map(([c]) => c);
  const worker = async (): Promise<void> => {
    for (let c = queue.shift(); c !== undefined; c = queue.shift()) rows.push({ collector: c, ...(await promdiff(shared, conformance, actualFile, familiesOf(c))) });
  };
  await Promise.all([worker(), worker()]);
  const order = COLLECTOR_FAMILIES.map(([c]) => c);
  return rows.sort((a, b) => order.indexOf(a.collector) - order.indexOf(b.collector));
}
