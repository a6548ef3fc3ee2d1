// node_dmmultipath_* from /sys/block/dm-*/ (node_exporter's collector/dmmultipath_linux.go on
// prometheus/procfs's blockdevice.DMMultipathDevices).
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { readDmMultipathDevices } from '../kernel/dmMultipath.ts';
import type { DmMultipathDevice } from '../kernel/dmMultipath.ts';
import { classifyReadError, isNotFound } from '../kernel/readErrors.ts';
import { isPathActive } from '../sysfs/dmMultipath.ts';

const DEVICE = ['device', 'sysfs_name'];

export const dmmultipath: CollectorDefinition = {
  name: 'dmmultipath',
  defaultEnabled: true,
  help: 'Exposes DM-multipath device and path metrics from /sys/block/dm-*.',
  create: () => ({
    async update(ctx) {
      let devices: DmMultipathDevice[];
      try {
        devices = readDmMultipathDevices(ctx.kernel);
      } catch (err) {
        if (isNotFound(err) || classifyReadError(err) === 'permission') throw new NoDataError(`Could not read DM-multipath devices: ${(err as Error).message}`);
        throw err;
      }
      for (const d of devices) {
        ctx.gauge('node_dmmultipath_device_info', 'Non-numeric information about a DM-multipath device.', ['device', 'sysfs_name', 'uuid']).set(1, d.name, d.sysfsName, d.uuid);
        ctx.gauge('node_dmmultipath_device_active', 'Whether the multipath device-mapper device is active (1) or suspended (0).', DEVICE).set(d.suspended ? 0 : 1, d.name, d.sysfsName);
        ctx.gauge('node_dmmultipath_device_size_bytes', 'Size of the multipath device in bytes, read from /sys/block/<dm>/size.', DEVICE).set(d.sizeBytes, d.name, d.sysfsName);
        let active = 0;
        for (const p of d.paths) {
          if (isPathActive(p.state)) active++;
          ctx
            .gauge('node_dmmultipath_path_state', 'Reports the underlying device state for a multipath path, as read from /sys/block/<dev>/device/state.', ['device', 'path', 'state'])
            .set(1, d.name, p.device, p.state);
        }
        ctx.gauge('node_dmmultipath_device_paths', 'Number of paths for a multipath device.', DEVICE).set(d.paths.length, d.name, d.sysfsName);
        ctx.gauge('node_dmmultipath_device_paths_active', 'Number of paths in active state (SCSI running or NVMe live) for a multipath device.', DEVICE).set(active, d.name, d.sysfsName);
        ctx.gauge('node_dmmultipath_device_paths_failed', 'Number of paths not in active state for a multipath device.', DEVICE).set(d.paths.length - active, d.name, d.sysfsName);
      }
    },
  }),
};
