import type { CollectorDefinition, CollectorContext } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { parsePressure } from '../procfs/pressure.ts';
import type { PsiStats } from '../procfs/pressure.ts';

// What node_exporter 1.12.1 exports per resource: cpu only its "some" line (even on kernels >= 5.13
// that also print "full" for cpu), irq only its "full" line (the kernel has no "some" for irq).
interface Resource {
  readonly name: 'cpu' | 'io' | 'memory' | 'irq';
  readonly waiting?: string;
  readonly stalled?: string;
}

const RESOURCES: readonly Resource[] = [
  { name: 'cpu', waiting: 'Total time in seconds that processes have waited for CPU time' },
  {
    name: 'io',
    waiting: 'Total time in seconds that processes have waited due to IO congestion',
    stalled: 'Total time in seconds no process could make progress due to IO congestion',
  },
  {
    name: 'memory',
    waiting: 'Total time in seconds that processes have waited for memory',
    stalled: 'Total time in seconds no process could make progress due to memory congestion',
  },
  { name: 'irq', stalled: 'Total time in seconds no process could make progress due to IRQ congestion' },
];

function errCode(err: unknown): unknown {
  return typeof err === 'object' && err !== null && 'code' in err ? (err as { code: unknown }).code : undefined;
}

/** Microseconds to seconds exactly as node_exporter computes it (float64(total)/1000.0/1000.0). */
function seconds(totalMicros: number): number {
  return totalMicros / 1000 / 1000;
}

async function readResource(ctx: CollectorContext, name: string): Promise<PsiStats | undefined> {
  let text: string;
  try {
    text = ctx.kernel.readTextSync(ctx.kernel.proc('pressure', name));
  } catch (err) {
    const code = errCode(err);
    // No such file: a kernel without PSI (< 4.20, CONFIG_PSI=n), or without irq pressure (< 6.1,
    // CONFIG_IRQ_TIME_ACCOUNTING=n). Skipped, as node_exporter does.
    if (code === 'ENOENT') return undefined;
    // CONFIG_PSI_DEFAULT_DISABLED without psi=1 on the kernel command line: reads fail with EOPNOTSUPP.
    if (code === 'ENOTSUP' || code === 'EOPNOTSUPP') throw new NoDataError('pressure information is disabled, add psi=1 to the kernel command line to enable it');
    throw err;
  }
  return parsePressure(text);
}

export const pressure: CollectorDefinition = {
  name: 'pressure',
  defaultEnabled: true,
  help: 'Exposes pressure stall statistics from /proc/pressure/.',
  create: () => ({
    async update(ctx) {
      let found = 0;
      for (const r of RESOURCES) {
        const vals = await readResource(ctx, r.name);
        if (vals === undefined) continue;
        // As node_exporter: every resource but irq must have "some", every one but cpu must have "full";
        // a file without them means the data is not there ("no data"), not a broken collector.
        if (!vals.some && r.name !== 'irq') throw new NoDataError(`pressure information for ${r.name} returned no 'some' data`);
        if (!vals.full && r.name !== 'cpu') throw new NoDataError(`pressure information for ${r.name} returned no 'full' data`);
        if (r.waiting !== undefined && vals.some) ctx.counter(`node_pressure_${r.name}_waiting_seconds_total`, r.waiting).set(seconds(vals.some.total));
        if (r.stalled !== undefined && vals.full) ctx.counter(`node_pressure_${r.name}_stalled_seconds_total`, r.stalled).set(seconds(vals.full.total));
        found++;
      }
      if (found === 0) throw new NoDataError('pressure information is unavailable, you need a Linux kernel >= 4.20 and/or CONFIG_PSI enabled for your kernel');
    },
  }),
};
