// node_nvmesubsystem_* from /sys/class/nvme-subsystem (node_exporter's collector/nvmesubsystem_linux.go
// on prometheus/procfs's sysfs.NVMeSubsystemClass): NVMe (over Fabrics) multipath health.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { readNvmeSubsystems } from '../kernel/nvme.ts';
import type { NvmeSubsystem } from '../kernel/nvme.ts';
import { classifyReadError, isNotFound } from '../kernel/readErrors.ts';
import { CONTROLLER_STATE_LABELS, normalizeControllerState } from '../sysfs/nvme.ts';

export const nvmesubsystem: CollectorDefinition = {
  name: 'nvmesubsystem',
  defaultEnabled: false,
  help: 'Exposes NVMe over Fabrics subsystem path health metrics from /sys/class/nvme-subsystem/.',
  create: () => ({
    async update(ctx) {
      let subsystems: NvmeSubsystem[];
      try {
        subsystems = readNvmeSubsystems(ctx.kernel);
      } catch (err) {
        if (isNotFound(err) || classifyReadError(err) === 'permission') throw new NoDataError(`Could not read NVMe subsystem info: ${(err as Error).message}`);
        throw err;
      }
      for (const s of subsystems) {
        ctx.gauge('node_nvmesubsystem_info', 'Non-numeric information about an NVMe subsystem.', ['subsystem', 'nqn', 'model', 'serial', 'iopolicy']).set(1, s.name, s.nqn, s.model, s.serial, s.iopolicy);
        for (const ns of s.namespaces) ctx.gauge('node_nvmesubsystem_namespace_info', 'Maps an NVMe namespace block device to its subsystem.', ['subsystem', 'device']).set(1, s.name, ns);
        let live = 0;
        for (const c of s.controllers) {
          const state = normalizeControllerState(c.state);
          if (state === 'live') live++;
          const g = ctx.gauge('node_nvmesubsystem_path_state', 'Current NVMe controller path state (1 for the current state, 0 for all others).', ['subsystem', 'controller', 'transport', 'state']);
          for (const label of CONTROLLER_STATE_LABELS) g.set(label === state ? 1 : 0, s.name, c.name, c.transport, label);
        }
        ctx.gauge('node_nvmesubsystem_paths', 'Number of controller paths for an NVMe subsystem.', ['subsystem']).set(s.controllers.length, s.name);
        ctx.gauge('node_nvmesubsystem_paths_live', 'Number of controller paths in live state for an NVMe subsystem.', ['subsystem']).set(live, s.name);
      }
    },
  }),
};
