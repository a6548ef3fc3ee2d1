// node_bcachefs_* from /sys/fs/bcachefs/<uuid>/ (node_exporter's collector/bcachefs_linux.go on
// prometheus/procfs's bcachefs package).
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { readBcachefs } from '../kernel/bcachefs.ts';
import type { BcachefsStats } from '../kernel/bcachefs.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import { sanitizeMetricName } from '../sysfs/bcachefs.ts';

const P = 'node_bcachefs_';

export const bcachefs: CollectorDefinition = {
  name: 'bcachefs',
  defaultEnabled: true,
  help: 'Exposes bcachefs filesystem statistics from /sys/fs/bcachefs.',
  create: () => ({
    async update(ctx) {
      let stats: BcachefsStats[];
      try {
        stats = await readBcachefs(ctx.kernel, ctx.deadline);
      } catch (err) {
        if (isNotFound(err)) throw new NoDataError('bcachefs sysfs path does not exist');
        throw err;
      }
      if (stats.length === 0) throw new NoDataError('no bcachefs filesystem');
      for (const s of stats) {
        const u = s.uuid;
        ctx.gauge(`${P}info`, 'Filesystem information.', ['uuid']).set(1, u);
        ctx.gauge(`${P}btree_cache_size_bytes`, 'Btree cache memory usage in bytes.', ['uuid']).set(s.btreeCacheSizeBytes, u);
        for (const [algorithm, c] of s.compression) {
          ctx.gauge(`${P}compression_compressed_bytes`, 'Compressed size by algorithm.', ['uuid', 'algorithm']).set(c.compressedBytes, u, algorithm);
          ctx.gauge(`${P}compression_uncompressed_bytes`, 'Uncompressed size by algorithm.', ['uuid', 'algorithm']).set(c.uncompressedBytes, u, algorithm);
        }
        for (const [type, count] of s.errors) ctx.counter(`${P}errors_total`, 'Error count by error type.', ['uuid', 'error_type']).set(count, u, type);
        for (const [name, value] of s.counters) {
          ctx.counter(`${P}${sanitizeMetricName(name)}_total`, `Bcachefs counter ${name} since filesystem creation.`, ['uuid']).set(value, u);
        }
        for (const [type, w] of s.btreeWrites) {
          ctx.counter(`${P}btree_writes_total`, 'Number of btree writes by type.', ['uuid', 'type']).set(w.count, u, type);
          ctx.gauge(`${P}btree_write_average_size_bytes`, 'Average btree write size by type.', ['uuid', 'type']).set(w.sizeBytes, u, type);
        }
        for (const d of s.devices) {
          ctx.gauge(`${P}device_info`, 'Device information.', ['uuid', 'device', 'label', 'state']).set(1, u, d.device, d.label, d.state);
          ctx.gauge(`${P}device_bucket_size_bytes`, 'Bucket size in bytes.', ['uuid', 'device']).set(d.bucketSizeBytes, u, d.device);
          ctx.gauge(`${P}device_buckets`, 'Total number of buckets.', ['uuid', 'device']).set(d.buckets, u, d.device);
          ctx.gauge(`${P}device_durability`, 'Device durability setting.', ['uuid', 'device']).set(d.durability, u, d.device);
          for (const [op, types] of d.ioDone) {
            for (const [dataType, v] of types) {
              ctx.counter(`${P}device_io_done_bytes_total`, 'IO bytes by operation type and data type.', ['uuid', 'device', 'operation', 'data_type']).set(v, u, d.device, op, dataType);
            }
          }
          for (const [type, v] of d.ioErrors) ctx.counter(`${P}device_io_errors_total`, 'IO errors by error type.', ['uuid', 'device', 'type']).set(v, u, d.device, type);
        }
      }
    },
  }),
};
