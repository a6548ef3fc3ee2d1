// Every pure parser, called directly with damaged fixture text and with arbitrary strings: it returns
// records or throws an Error on purpose; a TypeError, RangeError or ReferenceError means it met input
// it was not written for. Cheap (no I/O), so it runs FUZZ_RUNS cases each, like the collector fuzzing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parseBuddyinfo } from '../../src/procfs/buddyinfo.ts';
import { parseCgroupSummaries } from '../../src/procfs/cgroups.ts';
import { parseCpuinfo } from '../../src/procfs/cpuinfo.ts';
import { parseDiskstats } from '../../src/procfs/diskstats.ts';
import { parseFileNr } from '../../src/procfs/fileNr.ts';
import { parseInterrupts } from '../../src/procfs/interrupts.ts';
import { parseIpvsBackends, parseIpvsStats } from '../../src/procfs/ipvs.ts';
import { parseLoadavg } from '../../src/procfs/loadavg.ts';
import { parseMeminfo } from '../../src/procfs/meminfo.ts';
import { parseMountInfo, parseMountInfoStrict } from '../../src/procfs/mountinfo.ts';
import { parseMountStats } from '../../src/procfs/mountstats.ts';
import { parseNetArp } from '../../src/procfs/netArp.ts';
import { parseNetDev } from '../../src/procfs/netDev.ts';
import { parseSocketLine } from '../../src/procfs/netIpSocket.ts';
import { parseSockstat } from '../../src/procfs/netSockstat.ts';
import { parseSoftnet } from '../../src/procfs/netSoftnet.ts';
import { parseNetStats, parseSnmp6 } from '../../src/procfs/netStat.ts';
import { parseNfsClientStats, parseNfsServerStats } from '../../src/procfs/netRpcNfs.ts';
import { parseNetStatNfConntrack } from '../../src/procfs/netStatNfConntrack.ts';
import { parseNetStatTable } from '../../src/procfs/netStatTable.ts';
import { parseConntrackLine } from '../../src/procfs/nfConntrackTable.ts';
import { parsePidStat } from '../../src/procfs/pidStat.ts';
import { parsePressure } from '../../src/procfs/pressure.ts';
import { parseSchedstat } from '../../src/procfs/schedstat.ts';
import { parseSlabinfo } from '../../src/procfs/slabinfo.ts';
import { parseSoftirqs } from '../../src/procfs/softirqs.ts';
import { parseStat } from '../../src/procfs/stat.ts';
import { parseSysctlInts, parseSysctlUint } from '../../src/procfs/sysctlValue.ts';
import { parseSwaps } from '../../src/procfs/swaps.ts';
import { parseVmstat } from '../../src/procfs/vmstat.ts';
import { parseZoneinfo } from '../../src/procfs/zoneinfo.ts';
import { parseEnvFile } from '../../src/rootfs/envFile.ts';
import { parseBoardJsonModel, parseOpenwrtRelease } from '../../src/rootfs/openwrt.ts';
import { parseOsRelease } from '../../src/rootfs/osRelease.ts';
import { selinuxConfigValue } from '../../src/rootfs/selinuxConfig.ts';
import { parseXfrmStat } from '../../src/procfs/xfrmStat.ts';
import { isMiiUp, parseBondingNames } from '../../src/sysfs/bonding.ts';
import { parseClockSource } from '../../src/sysfs/clocksource.ts';
import { parseCpuList } from '../../src/sysfs/cpuList.ts';
import { parseVulnerability } from '../../src/sysfs/cpuVulnerability.ts';
import { parseNetClassIface } from '../../src/sysfs/netClass.ts';
import { parseNodeMeminfo, parseNodeNumastat } from '../../src/sysfs/nodeMeminfo.ts';
import { formatGoIP, parseIPv6Groups } from '../../src/goip.ts';
import { parseGoFloat, parseGoHexUint64, parseGoInt, parseGoUint64Base10 } from '../../src/goparse.ts';
import { parsePowerSupply } from '../../src/sysfs/powerSupply.ts';
import { parseCoolingDevice, parseInt64, parseThermalZone } from '../../src/sysfs/thermal.ts';
import { parseTcQdiscs } from '../../src/tc/qdiscShow.ts';
import { parseTextFormat } from '../../src/textformat.ts';
import { parseWebConfig } from '../../src/webConfig.ts';
import { parsePciIds } from '../../src/hwdata/pciIds.ts';
import { dmiInfoLabels } from '../../src/sysfs/dmi.ts';
import { parseAmdgpuCard } from '../../src/sysfs/drm.ts';
import { edacDimmLabel, parseEdacCount } from '../../src/sysfs/edac.ts';
import { parseFcHost } from '../../src/sysfs/fibreChannel.ts';
import { parseIbCounters, parseIbRate, parseIbState } from '../../src/sysfs/infiniband.ts';
import { parsePciDevice } from '../../src/sysfs/pciDevice.ts';
import { parseMicrojoules, raplZoneNames } from '../../src/sysfs/powercap.ts';
import { parseTapeStats } from '../../src/sysfs/scsiTape.ts';
import { parseWatchdog } from '../../src/sysfs/watchdog.ts';
import { FIXTURES } from '../helpers/scrape.ts';
import { FUZZ_RUNS } from './harness.ts';
import { applyMutations, mutationArb } from './mutate.ts';

const router = (p: string) => readFileSync(join(FIXTURES, 'router', p), 'latin1');
const lines = (p: string) => router(p).split('\n');

type Parser = (text: string) => unknown;

/** "name=value" lines as a map (sysfs attribute sets given to the class parsers). */
const kv = (t: string) => new Map(t.split('\n').map((l) => [l.split('=')[0] ?? '', l.split('=').slice(1).join('=')]));

/** name, parser, a realistic input to damage. */
const PARSERS: readonly [string, Parser, string][] = [
  ['parseCpuinfo', parseCpuinfo, router('proc/cpuinfo')],
  ['parseDiskstats', parseDiskstats, router('proc/diskstats')],
  ['parseFileNr', parseFileNr, router('proc/sys/fs/file-nr')],
  ['parseInterrupts', parseInterrupts, router('proc/interrupts')],
  ['parseLoadavg', parseLoadavg, router('proc/loadavg')],
  ['parseMeminfo', parseMeminfo, router('proc/meminfo')],
  ['parseMountInfo', parseMountInfo, router('proc/1/mountinfo')],
  ['parseMountInfoStrict', parseMountInfoStrict, router('proc/2301/mountinfo')],
  ['parseMountStats', parseMountStats, router('proc/2301/mountstats')],
  ['parseNfsClientStats', parseNfsClientStats, router('proc/net/rpc/nfs')],
  ['parseNfsServerStats', parseNfsServerStats, router('proc/net/rpc/nfsd')],
  ['parseNetArp', parseNetArp, router('proc/net/arp')],
  ['parseNetDev', parseNetDev, router('proc/net/dev')],
  ['parseSocketLine', parseSocketLine, lines('proc/net/tcp')[1] ?? ''],
  ['parseSockstat', parseSockstat, router('proc/net/sockstat')],
  ['parseSoftnet', parseSoftnet, router('proc/net/softnet_stat')],
  ['parseNetStats', parseNetStats, router('proc/net/netstat')],
  ['parseSnmp6', parseSnmp6, router('proc/net/snmp6')],
  ['parseNetStatNfConntrack', parseNetStatNfConntrack, router('proc/net/stat/nf_conntrack')],
  ['parseConntrackLine', parseConntrackLine, lines('proc/net/nf_conntrack')[0] ?? ''],
  ['parsePidStat', parsePidStat, router('proc/1/stat')],
  ['parsePressure', parsePressure, router('proc/pressure/cpu')],
  ['parseSchedstat', parseSchedstat, router('proc/schedstat')],
  ['parseSoftirqs', parseSoftirqs, router('proc/softirqs')],
  ['parseStat', parseStat, router('proc/stat')],
  ['parseSysctlUint', (t) => parseSysctlUint(t, 'x'), router('proc/sys/kernel/pid_max')],
  ['parseVmstat', parseVmstat, router('proc/vmstat')],
  ['parseEnvFile', parseEnvFile, router('etc/os-release')],
  ['parseOpenwrtRelease', parseOpenwrtRelease, router('etc/openwrt_release')],
  ['parseBoardJsonModel', parseBoardJsonModel, router('etc/board.json')],
  ['parseOsRelease', parseOsRelease, router('etc/os-release')],
  ['parseClockSource', (t) => parseClockSource(t, t.split(' ')[0] ?? ''), 'arch_sys_counter jiffies\n'],
  ['parseCpuList', parseCpuList, '0-3,5,7-8\n'],
  ['parseGoFloat', parseGoFloat, '45000\n'],
  ['parseGoInt', parseGoInt, '-1234'],
  ['parseInt64', (t) => parseInt64(t, 'x'), '45000\n'],
  ['parseThermalZone', (t) => parseThermalZone('thermal_zone0', { type: t.split('\n')[0] ?? '', policy: 'step_wise', temp: t.split('\n')[1] ?? '' }), 'cpu-thermal\n45000\n'],
  ['parseCoolingDevice', (t) => parseCoolingDevice('cooling_device0', { type: 'fan', maxState: t.split('\n')[0] ?? '', curState: t.split('\n')[1] ?? '' }), '3\n1\n'],
  ['parseNetClassIface', (t) => parseNetClassIface(t.split('\n')[0] ?? '', new Map(t.split('\n').slice(1).map((l) => [l.split('=')[0] ?? '', l.split('=').slice(1).join('=')]))), 'eth0\nmtu=1500\nspeed=1000\ncarrier=1\naddress=aa:bb:cc:dd:ee:ff\noperstate=up\n'],
  ['parsePowerSupply', (t) => parsePowerSupply('BAT0', new Map(t.split('\n').map((l) => [l.split('=')[0] ?? '', l.split('=').slice(1).join('=')]))), 'type=Battery\nstatus=Charging\ncapacity=87\nvoltage_now=12000000\nonline=1\n'],
  ['parseNetStatTable', parseNetStatTable, router('proc/net/stat/arp_cache')],
  ['parseBuddyinfo', parseBuddyinfo, router('proc/buddyinfo')],
  ['parseZoneinfo', parseZoneinfo, router('proc/zoneinfo')],
  ['parseSlabinfo', parseSlabinfo, router('proc/slabinfo')],
  ['parseSwaps', parseSwaps, router('proc/swaps')],
  ['parseSysctlInts', (t) => parseSysctlInts(t, 'x'), router('proc/sys/net/ipv4/tcp_rmem')],
  ['parseVulnerability', (t) => parseVulnerability('spectre_v1', t), router('sys/devices/system/cpu/vulnerabilities/spectre_v1')],
  ['parseNodeMeminfo', parseNodeMeminfo, 'Node 0 MemTotal:        4030144 kB\nNode 0 Active(anon):      21280 kB\nNode 0 HugePages_Total:     2\n'],
  ['parseNodeNumastat', parseNodeNumastat, 'numa_hit 193460335812\nnuma_miss 0\nlocal_node 193454780853\n'],
  ['selinuxConfigValue', (t) => selinuxConfigValue(t, 'SELINUX'), '# comment\nSELINUX=enforcing\nSELINUXTYPE="targeted"\n'],
  ['parseIpvsStats', parseIpvsStats, router('proc/net/ip_vs_stats')],
  ['parseIpvsBackends', parseIpvsBackends, router('proc/net/ip_vs')],
  ['parseXfrmStat', parseXfrmStat, router('proc/net/xfrm_stat')],
  ['parseCgroupSummaries', parseCgroupSummaries, router('proc/cgroups')],
  ['parseBondingNames, isMiiUp', (t) => parseBondingNames(t).map(isMiiUp), router('sys/class/net/bonding_masters')],
  ['parseGoUint64Base10, parseGoHexUint64', (t) => [parseGoUint64Base10(t), parseGoHexUint64(t)], '18446744073709551615'],
  ['parseIPv6Groups, formatGoIP', (t) => {
    const ip = parseIPv6Groups(t.trim());
    return ip === undefined ? undefined : formatGoIP(ip);
  }, '2001:0db8:0000:0000:0000:ffff:c0a8:0016'],
  ['parseTcQdiscs', parseTcQdiscs, router('tc/tc-qdisc.json')],
  ['parseTextFormat', parseTextFormat, router('textfile/wan.prom')],
  ['parseWebConfig', (t) => parseWebConfig(t, '/'), `tls_server_config:\n  cert_file: a.crt\n  key_file: a.key\nbasic_auth_users:\n  p: $2y$10$${'a'.repeat(53)}\n`],
  ['parseWatchdog', (t) => parseWatchdog('watchdog0', Object.fromEntries(kv(t))), 'timeout=30\ntimeleft=27\nbootstatus=0\nidentity=iTCO_wdt\noptions=0x8180\n'],
  ['dmiInfoLabels', (t) => dmiInfoLabels(kv(t)), 'sys_vendor=Default string\nproduct_name=apu2\nbios_date=11/07/2023\n'],
  ['raplZoneNames, parseMicrojoules', (t) => [raplZoneNames(t.split('\n')), parseMicrojoules(t)], 'package-0\ncore\ndram\ndram\n'],
  ['parseEdacCount, edacDimmLabel', (t) => [edacDimmLabel(t), parseEdacCount(t)], 'mc#0channel#0slot#0\n'],
  ['parseTapeStats', (t) => parseTapeStats(kv(t)), 'read_cnt=3741\nio_ns=0x10\nin_flight=1\n'],
  ['parseFcHost', (t) => parseFcHost('host0', Object.fromEntries(kv(t)), kv(t)), 'port_state=Online\nport_name=0x10000090fa1b2c3d\nrx_frames=0x10\ntx_frames=0xffffffffffffffff\n'],
  ['parseIbState, parseIbRate', (t) => [parseIbRate(t), parseIbState(t)], '4: ACTIVE\n'],
  ['parseIbRate', parseIbRate, '40 Gb/sec (4X QDR)\n'],
  ['parseIbCounters', (t) => parseIbCounters(kv(t)), 'counters/port_rcv_data=10\ncounters/symbol_error=N/A (no PMA)\nhw_counters/lifespan=12\n'],
  [
    'parsePciDevice',
    (t) => {
      const [link = '', ...rest] = t.split('\n');
      const a = Object.fromEntries(kv(rest.join('\n')));
      return parsePciDevice(link, { class: a.class ?? '', vendor: a.vendor ?? '', device: a.device ?? '', subsystem_vendor: '0x8086', subsystem_device: '0x0000', revision: '0x04' }, a);
    },
    '../../../devices/pci0000:00/0000:00:1c.6/0000:02:00.0\nclass=0x020000\nvendor=0x8086\ndevice=0x125c\nmax_link_speed=5.0 GT/s PCIe\ncurrent_link_width=1\nnuma_node=-1\nsriov_numvfs=0\npower_state=D3hot\n',
  ],
  ['parsePciIds', parsePciIds, '8086  Intel Corporation\n\t125c  Ethernet Controller I226-V\n\t\t8086 0000  I226-V\nC 02  Network controller\n\t00  Ethernet controller\n\t\t00  x\n'],
  ['parseAmdgpuCard', (t) => parseAmdgpuCard(Object.fromEntries(kv(t))), 'gpu_busy_percent=7\nmem_info_vram_total=8573157376\nunique_id=5a3c\n'],
];

/** The kinds of error that mean "not handled", as opposed to a deliberate rejection. */
function isProgrammingError(err: unknown): boolean {
  return err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError || !(err instanceof Error);
}

const input = (seed: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 5 }).map((ms) => Buffer.from(applyMutations(seed, ms), 'latin1').toString('utf8')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  );

describe('pure parsers on damaged and random text', () => {
  for (const [name, parse, seed] of PARSERS) {
    it(name, () => {
      fc.assert(
        fc.property(input(seed), (text) => {
          try {
            parse(text);
          } catch (err) {
            if (isProgrammingError(err)) throw err;
          }
        }),
        { numRuns: FUZZ_RUNS * 5 },
      );
    }, Math.max(30_000, FUZZ_RUNS * 20));
  }
});
