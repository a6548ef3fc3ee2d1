// node_cgroups_* from /proc/cgroups (node_exporter's collector/cgroups_linux.go): per cgroup controller,
// how many cgroups use it and whether it is enabled. Off by default, as in node_exporter.
import type { CollectorDefinition } from '../collector.ts';
import { parseCgroupSummaries } from '../procfs/cgroups.ts';

export const cgroups: CollectorDefinition = {
  name: 'cgroups',
  defaultEnabled: false,
  help: 'Exposes a summary of the cgroup controllers from /proc/cgroups.',
  create: () => ({
    async update(ctx) {
      // node_exporter fails (not "no data") without the file (a kernel without CONFIG_CGROUPS).
      const summaries = parseCgroupSummaries(ctx.kernel.readTextSync(ctx.kernel.proc('cgroups')));
      const count = ctx.gauge('node_cgroups_cgroups', 'Current cgroup number of the subsystem.', ['subsys_name']);
      // node_exporter's HELP text for both families.
      const enabled = ctx.gauge('node_cgroups_enabled', 'Current cgroup number of the subsystem.', ['subsys_name']);
      for (const s of summaries) {
        count.set(s.cgroups, s.subsysName);
        enabled.set(s.enabled, s.subsysName);
      }
    },
  }),
};
