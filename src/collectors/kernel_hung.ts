// node_kernel_hung_tasks_total from /proc/sys/kernel/hung_task_detect_count (node_exporter's
// collector/kernel_hung_linux.go). The file exists from Linux 6.7 on, with CONFIG_DETECT_HUNG_TASK.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import { parseSysctlUint } from '../procfs/sysctlValue.ts';

export const kernelHung: CollectorDefinition = {
  name: 'kernel_hung',
  defaultEnabled: true,
  help: 'Exposes number of tasks that have been detected as hung from /proc/sys/kernel/hung_task_detect_count.',
  create: () => ({
    async update(ctx) {
      let text: string;
      try {
        text = ctx.kernel.readTextSync(ctx.kernel.proc('sys', 'kernel', 'hung_task_detect_count'));
      } catch (err) {
        if (isNotFound(err)) throw new NoDataError('hung_task_detect_count does not exist');
        throw err;
      }
      ctx
        .counter('node_kernel_hung_tasks_total', 'Total number of tasks that have been detected as hung since the system booted.')
        .set(parseSysctlUint(text, 'hung_task_detect_count'));
    },
  }),
};
