// node_exporter's softirqs collector (collector/softirqs_linux.go): per-CPU softirq counts from /proc/softirqs.
import type { CollectorDefinition } from '../collector.ts';
import { parseSoftirqs } from '../procfs/softirqs.ts';

/** The vectors node_exporter exports, in its order; rows a future kernel adds are not exported. */
const TYPES = ['HI', 'TIMER', 'NET_TX', 'NET_RX', 'BLOCK', 'IRQ_POLL', 'TASKLET', 'SCHED', 'HRTIMER', 'RCU'] as const;

export const softirqs: CollectorDefinition = {
  name: 'softirqs',
  defaultEnabled: false,
  help: 'Exposes detailed softirq statistics from /proc/softirqs.',
  create: () => ({
    async update(ctx) {
      const s = parseSoftirqs(ctx.kernel.readTextSync(ctx.kernel.proc('softirqs')));
      const fam = ctx.counter('node_softirqs_functions_total', 'Softirq counts per CPU.', ['cpu', 'type']);
      for (const type of TYPES) {
        const row = s.rows.find((r) => r.type === type);
        if (!row) continue;
        // The cpu label is the column number, as node_exporter numbers them.
        row.perCpu.forEach((value, col) => fam.set(value, String(col), type));
      }
    },
  }),
};
