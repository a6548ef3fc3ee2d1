// node_exporter's timex collector reads the kernel's NTP state with the adjtimex(2) system call:
// offset, frequency, maximum and estimated error, status and sync status, PLL time constant, tick,
// PPS figures and the TAI offset. Node.js cannot make that call without native code, and no file
// under /proc or /sys carries any of those values (docs/collectors-notes.md lists them one by one).
// The collector is registered, enabled by default as in node_exporter, so that --[no-]collector.timex
// keeps working; it reports no data (node_scrape_collector_success{collector="timex"} 0, logged at
// debug level only) and exports no node_timex_* metric.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';

export const timex: CollectorDefinition = {
  name: 'timex',
  defaultEnabled: true,
  help: 'Exposes selected adjtimex(2) system call stats (not available: adjtimex(2) needs native code, see docs/collectors-notes.md).',
  create: () => ({
    async update() {
      throw new NoDataError('adjtimex(2) is not reachable from Node.js; no node_timex_* metrics');
    },
  }),
};
