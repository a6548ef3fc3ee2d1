// node_interrupts_total{cpu,type,info,devices} from /proc/interrupts (node_exporter's
// collector/interrupts_linux.go). Off by default: one series per interrupt line and CPU.
import type { CollectorDefinition } from '../collector.ts';
import { deviceFilter } from '../deviceFilter.ts';
import { parseInterrupts } from '../procfs/interrupts.ts';

const INCLUDE = 'collector.interrupts.name-include';
const EXCLUDE = 'collector.interrupts.name-exclude';
const ZEROS = 'collector.interrupts.include-zeros';

export const interrupts: CollectorDefinition = {
  name: 'interrupts',
  defaultEnabled: false,
  help: 'Exposes detailed interrupts statistics.',
  flags: [
    { name: INCLUDE, type: 'regex', help: 'Regexp of interrupts name to include (mutually exclusive to --collector.interrupts.name-exclude).' },
    { name: EXCLUDE, type: 'regex', help: 'Regexp of interrupts name to exclude (mutually exclusive to --collector.interrupts.name-include).' },
    { name: ZEROS, type: 'boolean', default: true, help: 'Include interrupts that have a zero value' },
  ],
  create(env) {
    const filter = deviceFilter(env.flags, { include: INCLUDE, exclude: EXCLUDE, exclusive: false });
    const includeZeros = env.flags.boolean(ZEROS);
    // The filters see "<name>;<info>;<devices>", e.g. "58;ITS-MSI;81921 Edge eth0-Tx-Rx-0".
    return {
      async update(ctx) {
        const fam = ctx.counter('node_interrupts_total', 'Interrupt details.', ['cpu', 'type', 'info', 'devices']);
        for (const irq of parseInterrupts(ctx.kernel.readTextSync(ctx.kernel.proc('interrupts')))) {
          if (filter.ignored(`${irq.name};${irq.info};${irq.devices}`)) continue;
          // cpu is the column's position, as node_exporter numbers it (the same as CPUn while all CPUs are online).
          irq.values.forEach((v, cpu) => {
            if (v === 0 && !includeZeros) return;
            fam.set(v, String(cpu), irq.name, irq.info, irq.devices);
          });
        }
      },
    };
  },
};
