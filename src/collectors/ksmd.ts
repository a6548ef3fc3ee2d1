// node_ksmd_* from /sys/kernel/mm/ksm (node_exporter's collector/ksmd_linux.go): kernel same-page
// merging. The attributes are counters and settings of mm/ksm.c, read without a driver: synchronous.
import type { CollectorDefinition } from '../collector.ts';
import { parseGoUint64Base10 } from '../goparse.ts';
import { isNotFound } from '../kernel/readErrors.ts';

interface KsmFile {
  readonly file: string;
  readonly name: string;
  readonly help: string;
  readonly counter?: true;
  readonly divisor?: number;
}

// Help texts are node_exporter's (from https://docs.kernel.org/admin-guide/mm/ksm.html).
const FILES: readonly KsmFile[] = [
  { file: 'full_scans', name: 'full_scans_total', help: 'How many times all mergeable areas have been scanned.', counter: true },
  { file: 'general_profit', name: 'general_profit_bytes', help: 'How effective is KSM. ksm_saved_pages * sizeof(page) - (all_rmap_items) * sizeof(rmap_item)' },
  { file: 'merge_across_nodes', name: 'merge_across_nodes', help: 'Specifies if pages from different NUMA nodes can be merged.' },
  { file: 'pages_shared', name: 'pages_shared', help: 'How many shared pages are being used.' },
  { file: 'pages_sharing', name: 'pages_sharing', help: 'How many more sites are sharing them i.e. how much saved.' },
  { file: 'pages_to_scan', name: 'pages_to_scan', help: 'How many pages to scan before ksmd goes to sleep.' },
  { file: 'pages_unshared', name: 'pages_unshared', help: 'How many pages unique but repeatedly checked for merging.' },
  { file: 'pages_volatile', name: 'pages_volatile', help: 'How many pages changing too fast to be placed in a tree.' },
  { file: 'run', name: 'run', help: 'The status of ksmd. stopped = 0, running = 1' },
  { file: 'sleep_millisecs', name: 'sleep_seconds', help: 'How many seconds ksmd should sleep before next scan.', divisor: 1000 },
];

export const ksmd: CollectorDefinition = {
  name: 'ksmd',
  defaultEnabled: false,
  help: 'Exposes kernel same-page merging statistics from /sys/kernel/mm/ksm.',
  create: () => ({
    async update(ctx) {
      for (const f of FILES) {
        let text: string;
        try {
          text = ctx.kernel.readTextSync(ctx.kernel.sys('kernel', 'mm', 'ksm', f.file));
        } catch (err) {
          // A kernel without KSM, or without this attribute (general_profit is 6.1+): skipped, as node_exporter does.
          if (isNotFound(err)) {
            ctx.log.debug('ksmd file not found, skipping', { collector: 'ksmd', file: f.file });
            continue;
          }
          throw err;
        }
        const v = parseGoUint64Base10(text.trim());
        if (v === undefined) throw new Error(`unexpected content of ksm/${f.file}: ${JSON.stringify(text.slice(0, 40))}`);
        const name = `node_ksmd_${f.name}`;
        const value = f.divisor === undefined ? v : v / f.divisor;
        (f.counter ? ctx.counter(name, f.help) : ctx.gauge(name, f.help)).set(value);
      }
    },
  }),
};
