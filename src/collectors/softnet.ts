// node_softnet_* per CPU from /proc/net/softnet_stat (node_exporter's collector/softnet_linux.go).
import type { CollectorDefinition } from '../collector.ts';
import type { SoftnetStat } from '../procfs/netSoftnet.ts';
import { parseSoftnet } from '../procfs/netSoftnet.ts';

const COUNTERS: ReadonlyArray<readonly [name: string, help: string, field: keyof SoftnetStat]> = [
  ['processed_total', 'Number of processed packets', 'processed'],
  ['dropped_total', 'Number of dropped packets', 'dropped'],
  ['times_squeezed_total', 'Number of times processing packets ran out of quota', 'timeSqueezed'],
  ['cpu_collision_total', 'Number of collision occur while obtaining device lock while transmitting', 'cpuCollision'],
  ['received_rps_total', 'Number of times cpu woken up received_rps', 'receivedRps'],
  ['flow_limit_count_total', 'Number of times flow limit has been reached', 'flowLimitCount'],
];

export const softnet: CollectorDefinition = {
  name: 'softnet',
  defaultEnabled: true,
  help: 'Exposes statistics from /proc/net/softnet_stat.',
  create: () => ({
    async update(ctx) {
      const stats = parseSoftnet(ctx.kernel.readTextSync(ctx.kernel.proc('net', 'softnet_stat')));
      const counters = COUNTERS.map(([name, help, field]) => [ctx.counter(`node_softnet_${name}`, help, ['cpu']), field] as const);
      const backlog = ctx.gauge('node_softnet_backlog_len', 'Softnet backlog status', ['cpu']);
      const seen = new Set<number>();
      for (const s of stats) {
        // A repeated CPU index (only in a garbled file) keeps its first line.
        if (seen.has(s.index)) continue;
        seen.add(s.index);
        const cpu = String(s.index);
        for (const [fam, field] of counters) fam.set(s[field], cpu);
        backlog.set(s.backlogLen, cpu);
      }
    },
  }),
};
