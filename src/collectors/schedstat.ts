// node_schedstat_* from /proc/schedstat (node_exporter's collector/schedstat_linux.go).
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import { parseSchedstat } from '../procfs/schedstat.ts';

const NS_PER_SEC = 1e9;

export const schedstat: CollectorDefinition = {
  name: 'schedstat',
  defaultEnabled: true,
  help: 'Exposes task scheduler statistics from /proc/schedstat.',
  create: () => ({
    async update(ctx) {
      let text: string;
      try {
        text = ctx.kernel.readTextSync(ctx.kernel.proc('schedstat'));
      } catch (err) {
        // Kernels built without CONFIG_SCHEDSTATS have no /proc/schedstat.
        if (isNotFound(err)) throw new NoDataError('schedstat file does not exist');
        throw err;
      }
      const running = ctx.counter('node_schedstat_running_seconds_total', 'Number of seconds CPU spent running a process.', ['cpu']);
      const waiting = ctx.counter('node_schedstat_waiting_seconds_total', 'Number of seconds spent by processing waiting for this CPU.', ['cpu']);
      const slices = ctx.counter('node_schedstat_timeslices_total', 'Number of timeslices executed by CPU.', ['cpu']);
      for (const c of parseSchedstat(text)) {
        running.set(c.runningNanoseconds / NS_PER_SEC, c.cpu);
        waiting.set(c.waitingNanoseconds / NS_PER_SEC, c.cpu);
        slices.set(c.timeslices, c.cpu);
      }
    },
  }),
};
