import type { CollectorDefinition } from '../collector.ts';
import { parseFileNr } from '../procfs/fileNr.ts';

// node_exporter's filefd collector: a missing or garbled file-nr fails the collector (not "no data").
export const filefd: CollectorDefinition = {
  name: 'filefd',
  defaultEnabled: true,
  help: 'Exposes file descriptor statistics from /proc/sys/fs/file-nr.',
  create: () => ({
    async update(ctx) {
      const f = parseFileNr(ctx.kernel.readTextSync(ctx.kernel.proc('sys', 'fs', 'file-nr')));
      ctx.gauge('node_filefd_allocated', 'File descriptor statistics: allocated.').set(f.allocated);
      ctx.gauge('node_filefd_maximum', 'File descriptor statistics: maximum.').set(f.maximum);
    },
  }),
};
