// node_ipvs_* from /proc/net/ip_vs_stats and /proc/net/ip_vs (node_exporter's collector/ipvs_linux.go):
// the IPVS totals, and per real server its connections and weight. --collector.ipvs.backend-labels picks
// the labels of the per-server families; servers that then share a label set are summed, as node_exporter
// sums them. Without the ip_vs module there is no ip_vs_stats: no data.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import type { IpvsBackend } from '../procfs/ipvs.ts';
import { parseIpvsBackends, parseIpvsStats } from '../procfs/ipvs.ts';

const LABELS = 'collector.ipvs.backend-labels';

/** Every backend label, in node_exporter's order, and how each is read from a real server. */
const BACKEND_LABELS: ReadonlyArray<readonly [name: string, value: (b: IpvsBackend) => string]> = [
  ['local_address', (b) => b.localAddress],
  ['local_port', (b) => String(b.localPort)],
  ['remote_address', (b) => b.remoteAddress],
  ['remote_port', (b) => String(b.remotePort)],
  ['proto', (b) => b.proto],
  ['local_mark', (b) => b.localMark],
];
const ALL_LABELS = BACKEND_LABELS.map(([name]) => name).join(',');

/** node_exporter's parseIpvsLabels: the chosen labels in its order; an unknown one is a configuration error. */
export function ipvsBackendLabels(flag: string): Array<(typeof BACKEND_LABELS)[number]> {
  const wanted = new Set(flag.split(',').filter((l) => l !== ''));
  const chosen = BACKEND_LABELS.filter(([name]) => wanted.delete(name));
  if (wanted.size > 0) throw new Error(`unknown IPVS backend labels: ${JSON.stringify([...wanted].sort().join(', '))}`);
  return chosen;
}

interface Sum {
  readonly labels: string[];
  active: number;
  inactive: number;
  weight: number;
}

export const ipvs: CollectorDefinition = {
  name: 'ipvs',
  defaultEnabled: true,
  help: 'Exposes IPVS status from /proc/net/ip_vs and stats from /proc/net/ip_vs_stats.',
  flags: [{ name: LABELS, type: 'string', default: ALL_LABELS, help: 'Comma separated list for IPVS backend stats labels.' }],
  create(env) {
    const labels = ipvsBackendLabels(env.flags.string(LABELS) ?? ALL_LABELS);
    const names = labels.map(([name]) => name);
    return {
      async update(ctx) {
        let statsText: string;
        try {
          statsText = ctx.kernel.readTextSync(ctx.kernel.proc('net', 'ip_vs_stats'));
        } catch (err) {
          if (isNotFound(err)) throw new NoDataError('ipvs collector metrics are not available for this system');
          throw err;
        }
        const stats = parseIpvsStats(statsText);
        if (stats === undefined) throw new Error(`could not get IPVS stats: ${ctx.kernel.proc('net', 'ip_vs_stats')} is not in the expected layout`);
        ctx.counter('node_ipvs_connections_total', 'The total number of connections made.').set(stats.connections);
        ctx.counter('node_ipvs_incoming_packets_total', 'The total number of incoming packets.').set(stats.incomingPackets);
        ctx.counter('node_ipvs_outgoing_packets_total', 'The total number of outgoing packets.').set(stats.outgoingPackets);
        ctx.counter('node_ipvs_incoming_bytes_total', 'The total amount of incoming data.').set(stats.incomingBytes);
        ctx.counter('node_ipvs_outgoing_bytes_total', 'The total amount of outgoing data.').set(stats.outgoingBytes);

        const backends = parseIpvsBackends(ctx.kernel.readTextSync(ctx.kernel.proc('net', 'ip_vs')));
        const sums = new Map<string, Sum>();
        for (const b of backends) {
          const values = labels.map(([, value]) => value(b));
          const key = values.join('-');
          let s = sums.get(key);
          if (s === undefined) sums.set(key, (s = { labels: values, active: 0, inactive: 0, weight: 0 }));
          s.active += b.activeConn;
          s.inactive += b.inactConn;
          s.weight += b.weight;
        }
        const active = ctx.gauge('node_ipvs_backend_connections_active', 'The current active connections by local and remote address.', names);
        const inactive = ctx.gauge('node_ipvs_backend_connections_inactive', 'The current inactive connections by local and remote address.', names);
        const weight = ctx.gauge('node_ipvs_backend_weight', 'The current backend weight by local and remote address.', names);
        for (const s of sums.values()) {
          active.set(s.active, ...s.labels);
          inactive.set(s.inactive, ...s.labels);
          weight.set(s.weight, ...s.labels);
        }
      },
    };
  },
};
