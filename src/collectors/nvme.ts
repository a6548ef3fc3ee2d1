// node_nvme_* from /sys/class/nvme (node_exporter's collector/nvme_linux.go on prometheus/procfs's
// sysfs.NVMeClass).
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { readNvmeControllers } from '../kernel/nvme.ts';
import type { NvmeController } from '../kernel/nvme.ts';
import { isNotFound } from '../kernel/readErrors.ts';

export const nvme: CollectorDefinition = {
  name: 'nvme',
  defaultEnabled: true,
  help: 'Exposes NVMe info from /sys/class/nvme/',
  create: () => ({
    async update(ctx) {
      let controllers: NvmeController[];
      try {
        controllers = await readNvmeControllers(ctx.kernel, ctx.deadline);
      } catch (err) {
        if (isNotFound(err)) throw new NoDataError('nvme statistics not found, skipping');
        throw err;
      }
      for (const c of controllers) {
        ctx
          .gauge('node_nvme_info', 'Non-numeric data from /sys/class/nvme/<device>, value is always 1.', ['device', 'firmware_revision', 'model', 'serial', 'state', 'cntlid'])
          .set(1, c.name, c.firmwareRevision, c.model, c.serial, c.state, c.controllerId);
        for (const ns of c.namespaces) {
          const labels = [c.name, ns.id];
          ctx.gauge('node_nvme_namespace_info', 'Information about NVMe namespaces. Value is always 1', ['device', 'nsid', 'ana_state']).set(1, c.name, ns.id, ns.anaState);
          ctx
            .gauge('node_nvme_namespace_capacity_bytes', 'Capacity of the NVMe namespace in bytes. Computed as namespace_size * namespace_logical_block_size', ['device', 'nsid'])
            .set(ns.sizeBytes, ...labels);
          ctx.gauge('node_nvme_namespace_size_bytes', 'Size of the NVMe namespace in bytes. Available in /sys/class/nvme/<device>/<namespace>/size', ['device', 'nsid']).set(ns.sizeBytes, ...labels);
          ctx.gauge('node_nvme_namespace_used_bytes', 'Used space of the NVMe namespace in bytes. Available in /sys/class/nvme/<device>/<namespace>/nuse', ['device', 'nsid']).set(ns.usedBytes, ...labels);
          ctx
            .gauge(
              'node_nvme_namespace_logical_block_size_bytes',
              'Logical block size of the NVMe namespace in bytes. Usually 4Kb. Available in /sys/class/nvme/<device>/<namespace>/queue/logical_block_size',
              ['device', 'nsid'],
            )
            .set(ns.logicalBlockSize, ...labels);
        }
      }
    },
  }),
};
