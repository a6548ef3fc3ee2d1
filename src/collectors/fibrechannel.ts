// node_fibrechannel_* from /sys/class/fc_host (node_exporter's collector/fibrechannel_linux.go on
// prometheus/procfs's sysfs.FibreChannelClass): Fibre Channel HBA ports and their error counters.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { fcHostNames, readFcHostAttrs, readFcHostStatistics } from '../kernel/fibreChannel.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import { FC_COUNTERS, FC_INFO_ATTRS, parseFcHost } from '../sysfs/fibreChannel.ts';
import type { FcHost } from '../sysfs/fibreChannel.ts';

export const fibrechannel: CollectorDefinition = {
  name: 'fibrechannel',
  defaultEnabled: true,
  help: 'Exposes fibre channel information and statistics from /sys/class/fc_host/.',
  create: () => ({
    async update(ctx) {
      let names: string[];
      try {
        names = fcHostNames(ctx.kernel);
      } catch (err) {
        if (isNotFound(err)) throw new NoDataError('fibrechannel statistics not found');
        throw err;
      }
      const hosts: FcHost[] = await Promise.all(
        names.map(async (n) => {
          const [attrs, stats] = await Promise.all([readFcHostAttrs(ctx.kernel, n, ctx.deadline), readFcHostStatistics(ctx.kernel, n, ctx.deadline)]);
          return parseFcHost(n, attrs, stats);
        }),
      );
      for (const h of hosts) {
        ctx
          .gauge('node_fibrechannel_info', 'Non-numeric data from /sys/class/fc_host/<host>, value is always 1.', ['fc_host', ...FC_INFO_ATTRS])
          .set(1, h.name, ...FC_INFO_ATTRS.map((a) => h.info[a]));
        for (const [file, metric, help] of FC_COUNTERS) {
          const v = h.counters.get(file);
          if (v !== undefined) ctx.counter(`node_fibrechannel_${metric}`, help, ['fc_host']).set(v, h.name);
        }
      }
    },
  }),
};
