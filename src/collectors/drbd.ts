// node_drbd_* from /proc/drbd (node_exporter's collector/drbd_linux.go; DRBD 8.x, where the kernel
// module still writes /proc/drbd).
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { parseGoFloat } from '../goparse.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import { parseDrbd } from '../procfs/drbd.ts';

interface Numeric {
  readonly name: string;
  readonly help: string;
  readonly counter: boolean;
  readonly multiplier: number;
}

const NUMERIC: Readonly<Record<string, Numeric>> = {
  ns: { name: 'network_sent_bytes_total', help: 'Total number of bytes sent via the network.', counter: true, multiplier: 1024 },
  nr: { name: 'network_received_bytes_total', help: 'Total number of bytes received via the network.', counter: true, multiplier: 1 },
  dw: { name: 'disk_written_bytes_total', help: 'Net data written on local hard disk; in bytes.', counter: true, multiplier: 1024 },
  dr: { name: 'disk_read_bytes_total', help: 'Net data read from local hard disk; in bytes.', counter: true, multiplier: 1024 },
  al: { name: 'activitylog_writes_total', help: 'Number of updates of the activity log area of the meta data.', counter: true, multiplier: 1 },
  bm: { name: 'bitmap_writes_total', help: 'Number of updates of the bitmap area of the meta data.', counter: true, multiplier: 1 },
  lo: { name: 'local_pending', help: 'Number of open requests to the local I/O sub-system.', counter: false, multiplier: 1 },
  pe: { name: 'remote_pending', help: 'Number of requests sent to the peer, but that have not yet been answered by the latter.', counter: false, multiplier: 1 },
  ua: { name: 'remote_unacknowledged', help: 'Number of requests received by the peer via the network connection, but that have not yet been answered.', counter: false, multiplier: 1 },
  ap: { name: 'application_pending', help: 'Number of block I/O requests forwarded to DRBD, but not yet answered by DRBD.', counter: false, multiplier: 1 },
  ep: { name: 'epochs', help: 'Number of Epochs currently on the fly.', counter: false, multiplier: 1 },
  oos: { name: 'out_of_sync_bytes', help: 'Amount of data known to be out of sync; in bytes.', counter: false, multiplier: 1024 },
};

/** Local/remote pairs ("ro:Primary/Secondary") and the value that makes them 1. */
const PAIRS: Readonly<Record<string, { readonly name: string; readonly help: string; readonly ok: string }>> = {
  ro: { name: 'node_role_is_primary', help: 'Whether the role of the node is in the primary state.', ok: 'Primary' },
  ds: { name: 'disk_state_is_up_to_date', help: 'Whether the disk of the node is up to date.', ok: 'UpToDate' },
};

export const drbd: CollectorDefinition = {
  name: 'drbd',
  defaultEnabled: false,
  help: 'Exposes Distributed Replicated Block Device statistics (to version 8.4)',
  create: () => ({
    async update(ctx) {
      let text: string;
      try {
        text = ctx.kernel.readTextSync(ctx.kernel.proc('drbd'));
      } catch (err) {
        if (isNotFound(err)) throw new NoDataError('stats file does not exist, skipping');
        throw err;
      }
      for (const f of parseDrbd(text)) {
        const num = Object.hasOwn(NUMERIC, f.key) ? NUMERIC[f.key] : undefined;
        if (num !== undefined) {
          const v = parseGoFloat(f.value);
          if (v === undefined) throw new Error(`drbd: invalid value ${JSON.stringify(f.value)} for ${f.key} of ${f.device}`);
          const family = num.counter ? ctx.counter(`node_drbd_${num.name}`, num.help, ['device']) : ctx.gauge(`node_drbd_${num.name}`, num.help, ['device']);
          family.set(v * num.multiplier, f.device);
          continue;
        }
        const pair = Object.hasOwn(PAIRS, f.key) ? PAIRS[f.key] : undefined;
        if (pair !== undefined) {
          const [local, remote] = f.value.split('/');
          // node_exporter indexes the second half without checking (and panics without one)
          if (remote === undefined) throw new Error(`drbd: ${f.key}:${f.value} of ${f.device} has no remote half`);
          const g = ctx.gauge(`node_drbd_${pair.name}`, pair.help, ['device', 'node']);
          g.set(local === pair.ok ? 1 : 0, f.device, 'local');
          g.set(remote === pair.ok ? 1 : 0, f.device, 'remote');
          continue;
        }
        if (f.key === 'cs') {
          ctx.gauge('node_drbd_connected', 'Whether DRBD is connected to the peer.', ['device']).set(f.value === 'Connected' ? 1 : 0, f.device);
          continue;
        }
        ctx.log.debug('unhandled key-value pair', { key: f.key, value: f.value });
      }
    },
  }),
};
