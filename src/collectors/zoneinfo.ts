// node_zoneinfo_*{node,zone} from /proc/zoneinfo (node_exporter's collector/zoneinfo_linux.go over
// procfs's Zoneinfo): watermarks and page counts as gauges, event counts as counters, and the zone's
// protection array as node_zoneinfo_protection_<i>.
import type { CollectorDefinition } from '../collector.ts';
import { ZONEINFO_KEYS, parseZoneinfo } from '../procfs/zoneinfo.ts';
import type { ZoneinfoKey } from '../procfs/zoneinfo.ts';

interface Metric {
  readonly name: string;
  readonly help: string;
  readonly counter?: true;
}

const METRICS: Readonly<Record<ZoneinfoKey, Metric>> = {
  nr_free_pages: { name: 'nr_free_pages', help: 'Total number of free pages in the zone' },
  min: { name: 'min_pages', help: 'Zone watermark pages_min' },
  low: { name: 'low_pages', help: 'Zone watermark pages_low' },
  high: { name: 'high_pages', help: 'Zone watermark pages_high' },
  scanned: { name: 'scanned_pages', help: 'Pages scanned since last reclaim' },
  spanned: { name: 'spanned_pages', help: 'Total pages spanned by the zone, including holes' },
  present: { name: 'present_pages', help: 'Physical pages existing within the zone' },
  managed: { name: 'managed_pages', help: 'Present pages managed by the buddy system' },
  nr_active_anon: { name: 'nr_active_anon_pages', help: 'Number of anonymous pages recently more used' },
  nr_inactive_anon: { name: 'nr_inactive_anon_pages', help: 'Number of anonymous pages recently less used' },
  nr_isolated_anon: { name: 'nr_isolated_anon_pages', help: 'Temporary isolated pages from anon lru' },
  nr_anon_pages: { name: 'nr_anon_pages', help: 'Number of anonymous pages currently used by the system' },
  nr_anon_transparent_hugepages: { name: 'nr_anon_transparent_hugepages', help: 'Number of anonymous transparent huge pages currently used by the system' },
  nr_active_file: { name: 'nr_active_file_pages', help: 'Number of active pages with file-backing' },
  nr_inactive_file: { name: 'nr_inactive_file_pages', help: 'Number of inactive pages with file-backing' },
  nr_isolated_file: { name: 'nr_isolated_file_pages', help: 'Temporary isolated pages from file lru' },
  nr_file_pages: { name: 'nr_file_pages', help: 'Number of file pages' },
  nr_slab_reclaimable: { name: 'nr_slab_reclaimable_pages', help: 'Number of reclaimable slab pages' },
  nr_slab_unreclaimable: { name: 'nr_slab_unreclaimable_pages', help: 'Number of unreclaimable slab pages' },
  nr_mlock_stack: { name: 'nr_mlock_stack_pages', help: 'mlock()ed pages found and moved off LRU' },
  nr_kernel_stack: { name: 'nr_kernel_stacks', help: 'Number of kernel stacks' },
  nr_mapped: { name: 'nr_mapped_pages', help: 'Number of mapped pages' },
  nr_dirty: { name: 'nr_dirty_pages', help: 'Number of dirty pages' },
  nr_writeback: { name: 'nr_writeback_pages', help: 'Number of writeback pages' },
  nr_unevictable: { name: 'nr_unevictable_pages', help: 'Number of unevictable pages' },
  nr_shmem: { name: 'nr_shmem_pages', help: 'Number of shmem pages (included tmpfs/GEM pages)' },
  nr_dirtied: { name: 'nr_dirtied_total', help: 'Page dirtyings since bootup', counter: true },
  nr_written: { name: 'nr_written_total', help: 'Page writings since bootup', counter: true },
  numa_hit: { name: 'numa_hit_total', help: 'Allocated in intended node', counter: true },
  numa_miss: { name: 'numa_miss_total', help: 'Allocated in non intended node', counter: true },
  numa_foreign: { name: 'numa_foreign_total', help: 'Was intended here, hit elsewhere', counter: true },
  numa_interleave: { name: 'numa_interleave_total', help: 'Interleaver preferred this zone', counter: true },
  numa_local: { name: 'numa_local_total', help: 'Allocation from local node', counter: true },
  numa_other: { name: 'numa_other_total', help: 'Allocation from other node', counter: true },
};

const LABELS = ['node', 'zone'] as const;

export const zoneinfo: CollectorDefinition = {
  name: 'zoneinfo',
  defaultEnabled: false,
  help: 'Exposes NUMA memory zone metrics (/proc/zoneinfo).',
  create: () => ({
    async update(ctx) {
      for (const z of parseZoneinfo(ctx.kernel.readTextSync(ctx.kernel.proc('zoneinfo')))) {
        for (const key of ZONEINFO_KEYS) {
          const v = z.values.get(key);
          if (v === undefined) continue;
          const m = METRICS[key];
          const name = `node_zoneinfo_${m.name}`;
          (m.counter ? ctx.counter(name, m.help, LABELS) : ctx.gauge(name, m.help, LABELS)).set(v, z.node, z.zone);
        }
        z.protection?.forEach((v, i) => ctx.gauge(`node_zoneinfo_protection_${i}`, `Protection array ${i}. field`, LABELS).set(v, z.node, z.zone));
      }
    },
  }),
};
