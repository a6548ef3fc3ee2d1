// node_md_* from /proc/mdstat and /sys/block/md*/md/ (node_exporter's collector/mdadm_linux.go on
// prometheus/procfs's MDStat and sysfs.Mdraids).
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { MdraidError, readMdraids } from '../kernel/mdraid.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import { parseMdStat } from '../procfs/mdstat.ts';

const STATE_HELP = 'Indicates the state of md-device.';
/** node_md_state's state label and the mdstat activity state that sets it to 1. */
const STATES: readonly (readonly [string, string])[] = [
  ['active', 'active'],
  ['inactive', 'inactive'],
  ['recovering', 'recovering'],
  ['resync', 'resyncing'],
  ['check', 'checking'],
];

export const mdadm: CollectorDefinition = {
  name: 'mdadm',
  defaultEnabled: true,
  help: 'Exposes statistics about devices in /proc/mdstat (does nothing if no /proc/mdstat present).',
  create: () => ({
    async update(ctx) {
      const { kernel } = ctx;
      let text: string;
      try {
        text = kernel.readTextSync(kernel.proc('mdstat'));
      } catch (err) {
        if (isNotFound(err)) throw new NoDataError('Not collecting mdstat, file does not exist');
        throw err;
      }
      const stats = parseMdStat(text);
      for (const md of stats) {
        ctx.gauge('node_md_disks_required', 'Total number of disks of device.', ['device']).set(md.disksTotal, md.name);
        const disks = ctx.gauge('node_md_disks', 'Number of active/failed/spare disks of device.', ['device', 'state']);
        disks.set(md.disksActive, md.name, 'active');
        disks.set(md.disksFailed, md.name, 'failed');
        disks.set(md.disksSpare, md.name, 'spare');
        const state = ctx.gauge('node_md_state', STATE_HELP, ['device', 'state']);
        for (const [label, activity] of STATES) state.set(md.activityState === activity ? 1 : 0, md.name, label);
        ctx.gauge('node_md_blocks', 'Total number of blocks on device.', ['device']).set(md.blocksTotal, md.name);
        ctx.gauge('node_md_blocks_synced', 'Number of blocks synced on device.', ['device']).set(md.blocksSynced, md.name);
      }
      let raids;
      try {
        raids = readMdraids(kernel);
      } catch (err) {
        if (err instanceof MdraidError && isNotFound(err.cause)) throw new NoDataError(`Not collecting mdraids, file does not exist: ${err.message}`);
        throw err;
      }
      for (const r of raids) {
        if (r.disks !== undefined) ctx.gauge('node_md_raid_disks', 'Number of raid disks on device.', ['device']).set(r.disks, r.device);
        ctx.gauge('node_md_degraded', 'Number of degraded disks on device.', ['device']).set(r.degraded, r.device);
      }
    },
  }),
};
