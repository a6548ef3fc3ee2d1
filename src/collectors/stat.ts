// node_exporter's stat collector (collector/stat_linux.go): kernel-wide counters from /proc/stat.
import type { CollectorDefinition } from '../collector.ts';
import { parseStat } from '../procfs/stat.ts';

export const stat: CollectorDefinition = {
  name: 'stat',
  defaultEnabled: true,
  help: 'Exposes various statistics from /proc/stat. This includes boot time, forks and interrupts.',
  flags: [{ name: 'collector.stat.softirq', type: 'boolean', default: false, help: 'Export softirq calls per vector' }],
  create(env) {
    const softirq = env.flags.boolean('collector.stat.softirq');
    return {
      async update(ctx) {
        const s = parseStat(ctx.kernel.readTextSync(ctx.kernel.proc('stat')));
        // A line the kernel did not write (or wrote garbled) is left out rather than exported as 0.
        if (s.intrTotal !== undefined) ctx.counter('node_intr_total', 'Total number of interrupts serviced.').set(s.intrTotal);
        if (s.contextSwitches !== undefined) ctx.counter('node_context_switches_total', 'Total number of context switches.').set(s.contextSwitches);
        if (s.processes !== undefined) ctx.counter('node_forks_total', 'Total number of forks.').set(s.processes);
        if (s.bootTime !== undefined) ctx.gauge('node_boot_time_seconds', 'Node boot time, in unixtime.').set(s.bootTime);
        if (s.procsRunning !== undefined) ctx.gauge('node_procs_running', 'Number of processes in runnable state.').set(s.procsRunning);
        if (s.procsBlocked !== undefined) ctx.gauge('node_procs_blocked', 'Number of processes blocked waiting for I/O to complete.').set(s.procsBlocked);
        if (softirq && s.softirq) {
          const fam = ctx.counter('node_softirqs_total', 'Number of softirq calls.', ['vector']);
          for (const v of s.softirq.vectors) fam.set(v.value, v.name);
        }
      },
    };
  },
};
