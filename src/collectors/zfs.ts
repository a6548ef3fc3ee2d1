// node_zfs_* from OpenZFS's kstats in /proc/spl/kstat/zfs (node_exporter's collector/zfs_linux.go):
// the ARC, ABD, dbuf, dmu_tx, dnode, fm, vdev, zfetch and zil tables, and per pool its io table, its
// datasets' objset counters and its state.
import type { CollectorDefinition, CollectorContext } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { isMetricName } from '../families.ts';
import { readZfsKstats } from '../kernel/zfs.ts';
import { ZFS_POOL_STATES, parseZfsKstats, parseZfsObjset, parseZfsPoolIo, parseZfsPoolState, zfsMetricName } from '../procfs/zfs.ts';

/** Metric subsystem -> kstat file, node_exporter's linuxPathMap. */
const SUBSYSTEMS: readonly (readonly [subsystem: string, file: string])[] = [
  ['zfs_abd', 'abdstats'],
  ['zfs_arc', 'arcstats'],
  ['zfs_dbuf', 'dbufstats'],
  ['zfs_dmu_tx', 'dmu_tx'],
  ['zfs_dnode', 'dnodestats'],
  ['zfs_fm', 'fm'],
  ['zfs_vdev_cache', 'vdev_cache_stats'],
  ['zfs_vdev_mirror', 'vdev_mirror_stats'],
  ['zfs_xuio', 'xuio_stats'],
  ['zfs_zfetch', 'zfetchstats'],
  ['zfs_zil', 'zil'],
];

/** An untyped sample whose name comes from the file; a name Prometheus cannot carry is skipped (node_exporter would panic). */
function untyped(ctx: CollectorContext, name: string, help: string, labels: Readonly<Record<string, string>>, value: number): void {
  if (!isMetricName(name)) {
    ctx.log.debug('skipping zfs kstat with an invalid metric name', { name });
    return;
  }
  ctx.samples(name, help, 'untyped').add(name, labels, value);
}

export const zfs: CollectorDefinition = {
  name: 'zfs',
  defaultEnabled: true,
  help: 'Exposes ZFS performance statistics.',
  create: () => ({
    async update(ctx) {
      const kstats = readZfsKstats(
        ctx.kernel,
        SUBSYSTEMS.map(([, file]) => file),
      );
      if (kstats === undefined) throw new NoDataError('ZFS / ZFS statistics are not available');
      for (const [subsystem, file] of SUBSYSTEMS) {
        const text = kstats.files.get(file);
        if (text === undefined) continue; // kstats come and go with ZFS versions
        for (const k of parseZfsKstats(text, file)) {
          untyped(ctx, `node_${subsystem}_${zfsMetricName(k.name)}`, `kstat.zfs.misc.${file}.${k.name}`, {}, k.value);
        }
      }
      for (const p of kstats.pools) {
        if (p.io === undefined) continue;
        for (const row of parseZfsPoolIo(p.io)) {
          for (const k of row) untyped(ctx, `node_zfs_zpool_${zfsMetricName(k.name)}`, `kstat.zfs.misc.io.${k.name}`, { zpool: p.pool }, k.value);
        }
      }
      for (const p of kstats.pools) {
        for (const o of p.objsets) {
          for (const r of parseZfsObjset(o.text)) {
            // Rows before the dataset_name row carry empty labels, as in node_exporter.
            const labels = r.dataset === undefined ? { zpool: '', dataset: '' } : { zpool: p.pool, dataset: r.dataset };
            untyped(ctx, `node_zfs_zpool_dataset_${zfsMetricName(r.name)}`, `kstat.zfs.misc.objset.${r.name}`, labels, r.value);
          }
        }
      }
      for (const p of kstats.pools) {
        if (p.state === undefined) continue;
        const state = parseZfsPoolState(p.state);
        const g = ctx.gauge('node_zfs_zpool_state', 'kstat.zfs.misc.state', ['zpool', 'state']);
        for (const s of ZFS_POOL_STATES) g.set(s === state ? 1 : 0, p.pool, s);
      }
    },
  }),
};
