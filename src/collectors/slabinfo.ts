// node_slabinfo_*{slab} from /proc/slabinfo (node_exporter's collector/slabinfo_linux.go), filtered
// by --collector.slabinfo.slabs-include / -exclude. The file is readable by root only.
import type { CollectorDefinition } from '../collector.ts';
import { deviceFilter } from '../deviceFilter.ts';
import { parseSlabinfo } from '../procfs/slabinfo.ts';

const INCLUDE = 'collector.slabinfo.slabs-include';
const EXCLUDE = 'collector.slabinfo.slabs-exclude';

export const slabinfo: CollectorDefinition = {
  name: 'slabinfo',
  defaultEnabled: false,
  help: 'Exposes slab statistics from /proc/slabinfo.',
  flags: [
    { name: INCLUDE, type: 'regex', default: '.*', help: 'Regexp of slabs to include in slabinfo collector.' },
    { name: EXCLUDE, type: 'regex', default: '', help: 'Regexp of slabs to exclude in slabinfo collector.' },
  ],
  create(env) {
    const filter = deviceFilter(env.flags, { include: INCLUDE, exclude: EXCLUDE, exclusive: false });
    return {
      async update(ctx) {
        const gauge = (name: string, help: string) => ctx.gauge(`node_slabinfo_${name}`, help, ['slab']);
        for (const s of parseSlabinfo(ctx.kernel.readTextSync(ctx.kernel.proc('slabinfo')))) {
          if (filter.ignored(s.name)) continue;
          gauge('active_objects', 'The number of objects that are currently active (i.e., in use).').set(s.activeObjects, s.name);
          gauge('objects', 'The total number of allocated objects (i.e., objects that are both in use and not in use).').set(s.objects, s.name);
          gauge('object_size_bytes', 'The size of objects in this slab, in bytes.').set(s.objectSize, s.name);
          gauge('objects_per_slab', 'The number of objects stored in each slab.').set(s.objectsPerSlab, s.name);
          gauge('pages_per_slab', 'The number of pages allocated for each slab.').set(s.pagesPerSlab, s.name);
        }
      },
    };
  },
};
