import type { CollectorDefinition } from '../collector.ts';
import { parseSysctlUint } from '../procfs/sysctlValue.ts';

// node_exporter's entropy collector: both files are required; a missing one is a failure, not "no data"
// (every Linux kernel has them). Since Linux 5.18 both read 256 on an initialised pool.
export const entropy: CollectorDefinition = {
  name: 'entropy',
  defaultEnabled: true,
  help: 'Exposes available entropy (/proc/sys/kernel/random).',
  create: () => ({
    async update(ctx) {
      const dir = ctx.kernel.proc('sys', 'kernel', 'random');
      const [avail, pool] = [ctx.kernel.readTextSync(`${dir}/entropy_avail`), ctx.kernel.readTextSync(`${dir}/poolsize`)];
      ctx.gauge('node_entropy_available_bits', 'Bits of available entropy.').set(parseSysctlUint(avail, 'entropy_avail'));
      ctx.gauge('node_entropy_pool_size_bits', 'Bits of entropy pool.').set(parseSysctlUint(pool, 'poolsize'));
    },
  }),
};
