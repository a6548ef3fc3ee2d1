// node_edac_* from /sys/devices/system/edac/mc (node_exporter's collector/edac_linux.go): correctable
// and uncorrectable memory errors per controller, csrow and channel (ECC RAM on a NAS or x86 router).
import type { CollectorDefinition } from '../collector.ts';
import { readEdac } from '../kernel/edac.ts';
import { edacDimmLabel, parseEdacCount, parseEdacCountOptional } from '../sysfs/edac.ts';

export const edac: CollectorDefinition = {
  name: 'edac',
  defaultEnabled: true,
  help: 'Exposes error detection and correction statistics.',
  create: () => ({
    async update(ctx) {
      const ce = ctx.counter('node_edac_correctable_errors_total', 'Total correctable memory errors.', ['controller']);
      const ue = ctx.counter('node_edac_uncorrectable_errors_total', 'Total uncorrectable memory errors.', ['controller']);
      const rowCe = ctx.counter('node_edac_csrow_correctable_errors_total', 'Total correctable memory errors for this csrow.', ['controller', 'csrow']);
      const rowUe = ctx.counter('node_edac_csrow_uncorrectable_errors_total', 'Total uncorrectable memory errors for this csrow.', ['controller', 'csrow']);
      const chLabels = ['controller', 'csrow', 'channel', 'dimm_label'];
      for (const mc of readEdac(ctx.kernel)) {
        const c = mc.controller;
        ce.set(parseEdacCount(mc.ce), c);
        rowCe.set(parseEdacCount(mc.ceNoinfo), c, 'unknown');
        ue.set(parseEdacCount(mc.ue), c);
        rowUe.set(parseEdacCount(mc.ueNoinfo), c, 'unknown');
        for (const row of mc.csrows) {
          rowCe.set(parseEdacCount(row.ce), c, row.csrow);
          rowUe.set(parseEdacCount(row.ue), c, row.csrow);
          for (const ch of row.channels) {
            const label = edacDimmLabel(ch.label);
            ctx.counter('node_edac_channel_correctable_errors_total', 'Total correctable memory errors for this channel.', chLabels).set(parseEdacCount(ch.ce), c, row.csrow, ch.channel, label);
            // node_exporter logs and leaves out a ch<K>_ue_count it cannot read or parse.
            const u = ch.ue === undefined ? undefined : parseEdacCountOptional(ch.ue);
            if (u !== undefined) ctx.counter('node_edac_channel_uncorrectable_errors_total', 'Total uncorrectable memory errors for this channel.', chLabels).set(u, c, row.csrow, ch.channel, label);
          }
        }
      }
    },
  }),
};
