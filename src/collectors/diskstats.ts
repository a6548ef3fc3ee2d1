import { join } from 'node:path';
import type { CollectorDefinition } from '../collector.ts';
import { deviceFilter } from '../deviceFilter.ts';
import type { KernelFs } from '../kernel/kernelFs.ts';
import type { DiskStats, DiskStatsField } from '../procfs/diskstats.ts';
import { parseDiskstats } from '../procfs/diskstats.ts';
import { parseUdevDeviceProperties } from '../udev/deviceProperties.ts';

const INCLUDE = 'collector.diskstats.device-include';
const EXCLUDE = 'collector.diskstats.device-exclude';
const OLD_EXCLUDE = 'collector.diskstats.ignored-devices';
const UDEV = 'path.udev.data';

/** node_exporter 1.12.1's default for --collector.diskstats.device-exclude. */
export const DISKSTATS_DEFAULT_EXCLUDE = '^(z?ram|loop|fd|(h|s|v|xv)d[a-z]|nvme\\d+n\\d+p)\\d+$';

const SECTOR_BYTES = 512;
const SECONDS_PER_MS = 1 / 1000;

interface Stat {
  readonly field: DiskStatsField;
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  readonly scale: number;
}

/** In file order; a line with fewer fields exports only the prefix it has, as node_exporter does. */
const STATS: readonly Stat[] = [
  { field: 'readsCompleted', name: 'node_disk_reads_completed_total', help: 'The total number of reads completed successfully.', type: 'counter', scale: 1 },
  { field: 'readsMerged', name: 'node_disk_reads_merged_total', help: 'The total number of reads merged.', type: 'counter', scale: 1 },
  { field: 'sectorsRead', name: 'node_disk_read_bytes_total', help: 'The total number of bytes read successfully.', type: 'counter', scale: SECTOR_BYTES },
  { field: 'readTimeMs', name: 'node_disk_read_time_seconds_total', help: 'The total number of seconds spent by all reads.', type: 'counter', scale: SECONDS_PER_MS },
  { field: 'writesCompleted', name: 'node_disk_writes_completed_total', help: 'The total number of writes completed successfully.', type: 'counter', scale: 1 },
  { field: 'writesMerged', name: 'node_disk_writes_merged_total', help: 'The number of writes merged.', type: 'counter', scale: 1 },
  { field: 'sectorsWritten', name: 'node_disk_written_bytes_total', help: 'The total number of bytes written successfully.', type: 'counter', scale: SECTOR_BYTES },
  { field: 'writeTimeMs', name: 'node_disk_write_time_seconds_total', help: 'This is the total number of seconds spent by all writes.', type: 'counter', scale: SECONDS_PER_MS },
  { field: 'ioInProgress', name: 'node_disk_io_now', help: 'The number of I/Os currently in progress.', type: 'gauge', scale: 1 },
  { field: 'ioTimeMs', name: 'node_disk_io_time_seconds_total', help: 'Total seconds spent doing I/Os.', type: 'counter', scale: SECONDS_PER_MS },
  { field: 'weightedIoTimeMs', name: 'node_disk_io_time_weighted_seconds_total', help: 'The weighted # of seconds spent doing I/Os.', type: 'counter', scale: SECONDS_PER_MS },
  { field: 'discardsCompleted', name: 'node_disk_discards_completed_total', help: 'The total number of discards completed successfully.', type: 'counter', scale: 1 },
  { field: 'discardsMerged', name: 'node_disk_discards_merged_total', help: 'The total number of discards merged.', type: 'counter', scale: 1 },
  // node_exporter exports discarded sectors as sectors, not bytes.
  { field: 'sectorsDiscarded', name: 'node_disk_discarded_sectors_total', help: 'The total number of sectors discarded successfully.', type: 'counter', scale: 1 },
  { field: 'discardTimeMs', name: 'node_disk_discard_time_seconds_total', help: 'This is the total number of seconds spent by all discards.', type: 'counter', scale: SECONDS_PER_MS },
  { field: 'flushRequests', name: 'node_disk_flush_requests_total', help: 'The total number of flush requests completed successfully', type: 'counter', scale: 1 },
  { field: 'flushTimeMs', name: 'node_disk_flush_requests_time_seconds_total', help: 'This is the total number of seconds spent by all flush requests.', type: 'counter', scale: SECONDS_PER_MS },
];

const ATA: ReadonlyArray<readonly [string, string, string]> = [
  ['ID_ATA_WRITE_CACHE', 'node_disk_ata_write_cache', 'ATA disk has a write cache.'],
  ['ID_ATA_WRITE_CACHE_ENABLED', 'node_disk_ata_write_cache_enabled', 'ATA disk has its write cache enabled.'],
  ['ID_ATA_ROTATION_RATE_RPM', 'node_disk_ata_rotation_rate_rpm', 'ATA disk rotation rate in RPMs (0 for SSDs).'],
];

const FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const UINT = /^\d+$/;

interface DeviceExtras {
  /** udev properties, empty when there is no udev database entry for the device. */
  readonly udev: ReadonlyMap<string, string>;
  /** /sys/block/<dev>/queue/rotational in node_exporter's spelling ("0" when unknown). */
  readonly rotational: string;
}

function readExtras(kernel: KernelFs, udevDir: string, d: DiskStats): DeviceExtras {
  const udevText = kernel.readTextOptionalSync(join(udevDir, `b${d.major}:${d.minor}`));
  const rot = kernel.readTextOptionalSync(kernel.sys('block', d.name, 'queue', 'rotational'))?.trim();
  const udev = udevText === undefined ? new Map<string, string>() : parseUdevDeviceProperties(udevText);
  // node_exporter prints the value with strconv.FormatUint(v, 2); "0" when the attribute cannot be read.
  // (1.12.1 reads ~30 queue attributes and reports "0" if any one is missing; only rotational is read here,
  // as upstream node_exporter#3686 now does.)
  const rotational = rot !== undefined && UINT.test(rot) ? BigInt(rot).toString(2) : '0';
  return { udev, rotational };
}

export const diskstats: CollectorDefinition = {
  name: 'diskstats',
  defaultEnabled: true,
  help: 'Exposes disk I/O statistics (/proc/diskstats, udev data for node_disk_info).',
  flags: [
    { name: EXCLUDE, type: 'regex', default: DISKSTATS_DEFAULT_EXCLUDE, help: 'Regexp of diskstats devices to exclude (mutually exclusive to device-include).' },
    { name: INCLUDE, type: 'regex', help: 'Regexp of diskstats devices to include (mutually exclusive to device-exclude).' },
    { name: OLD_EXCLUDE, type: 'regex', help: 'DEPRECATED: Use collector.diskstats.device-exclude' },
    { name: UDEV, type: 'string', default: '/run/udev/data', help: 'udev data path (node_disk_info labels, node_disk_ata_*, node_disk_filesystem_info, node_disk_device_mapper_info). A missing directory only leaves those out.' },
  ],
  create(env) {
    const filter = deviceFilter(env.flags, { include: INCLUDE, exclude: EXCLUDE, excludeDefault: DISKSTATS_DEFAULT_EXCLUDE, deprecatedExclude: OLD_EXCLUDE, exclusive: true }, env.log);
    const udevDir = env.flags.string(UDEV) ?? '/run/udev/data';

    return {
      async update(ctx) {
        const all = parseDiskstats(ctx.kernel.readTextSync(ctx.kernel.proc('diskstats')));
        const devices = all.filter((d) => !filter.ignored(d.name));
        // One device at a time, synchronously (udev's files are on a tmpfs; rotational runs no driver).
        const rows: Array<{ d: DiskStats } & DeviceExtras> = devices.map((d) => ({ d, ...readExtras(ctx.kernel, udevDir, d) }));

        const info = ctx.gauge('node_disk_info', 'Info of /sys/block/<block_device>.', ['device', 'major', 'minor', 'path', 'wwn', 'model', 'serial', 'revision', 'rotational']);
        const stats = STATS.map((s) => [s, s.type === 'gauge' ? ctx.gauge(s.name, s.help, ['device']) : ctx.counter(s.name, s.help, ['device'])] as const);
        const fsInfo = ctx.gauge('node_disk_filesystem_info', 'Info about disk filesystem.', ['device', 'type', 'usage', 'uuid', 'version']);
        const dmInfo = ctx.gauge('node_disk_device_mapper_info', 'Info about disk device mapper.', ['device', 'name', 'uuid', 'vg_name', 'lv_name', 'lv_layer']);
        const ata = ATA.map(([key, name, help]) => [key, ctx.gauge(name, help, ['device'])] as const);

        for (const { d, udev, rotational } of rows) {
          const prop = (k: string): string => udev.get(k) ?? '';
          // The serial printed on the label, else the short serial, else ID_SERIAL (virtio).
          const serial = prop('SCSI_IDENT_SERIAL') || prop('ID_SERIAL_SHORT') || prop('ID_SERIAL');
          info.set(1, d.name, String(d.major), String(d.minor), prop('ID_PATH'), prop('ID_WWN'), prop('ID_MODEL'), serial, prop('ID_REVISION'), rotational);

          for (const [s, fam] of stats) {
            const v = d[s.field];
            if (v === undefined) break;
            fam.set(v * s.scale, d.name);
          }

          const fsType = prop('ID_FS_TYPE');
          if (fsType !== '') fsInfo.set(1, d.name, fsType, prop('ID_FS_USAGE'), prop('ID_FS_UUID'), prop('ID_FS_VERSION'));
          const dmName = prop('DM_NAME');
          if (dmName !== '') dmInfo.set(1, d.name, dmName, prop('DM_UUID'), prop('DM_VG_NAME'), prop('DM_LV_NAME'), prop('DM_LV_LAYER'));
          if (prop('ID_ATA') !== '') {
            for (const [key, fam] of ata) {
              const raw = udev.get(key);
              if (raw === undefined) continue;
              if (FLOAT.test(raw)) fam.set(Number(raw), d.name);
              else ctx.log.debug('unparsable ATA udev property', { collector: 'diskstats', device: d.name, key, value: raw });
            }
          }
        }
      },
    };
  },
};
