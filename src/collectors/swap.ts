// node_swap_{size_bytes,used_bytes,priority}{device,swap_type} from /proc/swaps (node_exporter's
// collector/swap_linux.go).
import type { CollectorDefinition } from '../collector.ts';
import { parseSwaps } from '../procfs/swaps.ts';

const LABELS = ['device', 'swap_type'] as const;

export const swap: CollectorDefinition = {
  name: 'swap',
  defaultEnabled: false,
  help: 'Expose swap information from /proc/swaps.',
  create: () => ({
    async update(ctx) {
      for (const s of parseSwaps(ctx.kernel.readTextSync(ctx.kernel.proc('swaps')))) {
        // The kernel gives KiB.
        ctx.gauge('node_swap_size_bytes', 'Swap device size in bytes.', LABELS).set(s.sizeKiB * 1024, s.filename, s.type);
        ctx.gauge('node_swap_used_bytes', 'Swap device used in bytes.', LABELS).set(s.usedKiB * 1024, s.filename, s.type);
        ctx.gauge('node_swap_priority', 'Swap device priority.', LABELS).set(s.priority, s.filename, s.type);
      }
    },
  }),
};
