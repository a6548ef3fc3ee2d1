// node_tcp_connection_states{state} from /proc/net/tcp and /proc/net/tcp6 (node_exporter's
// collector/tcpstat_linux.go). node_exporter asks the kernel over NETLINK_SOCK_DIAG, which Node.js
// cannot open; the /proc tables list the same sockets. They are streamed a line at a time: on a busy
// router they hold tens of thousands of lines.
//
// One difference remains in "tx_queued_bytes": sock_diag reports a listening socket's accept-backlog
// limit in its write-queue field and node_exporter adds it in; /proc/net/tcp shows 0 there, so listening
// sockets add nothing here. Every state count and "rx_queued_bytes" are the same.
import type { CollectorDefinition } from '../collector.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import { TCP_STATE_NAMES, TcpStateCounter } from '../procfs/netIpSocket.ts';

export const tcpstat: CollectorDefinition = {
  name: 'tcpstat',
  defaultEnabled: false,
  help: 'Exposes TCP connection status information from /proc/net/tcp and /proc/net/tcp6.',
  create: () => ({
    async update(ctx) {
      const counter = new TcpStateCounter();
      await ctx.kernel.forEachLine(ctx.kernel.proc('net', 'tcp'), (l) => counter.add(l));
      if (!counter.sawHeader && counter.sockets === 0) throw new Error('unexpected /proc/net/tcp content: no header and no sockets');
      try {
        await ctx.kernel.forEachLine(ctx.kernel.proc('net', 'tcp6'), (l) => counter.add(l));
      } catch (err) {
        // No IPv6 in this kernel.
        if (!isNotFound(err)) throw err;
      }
      const fam = ctx.gauge('node_tcp_connection_states', 'Number of connection states.', ['state']);
      for (const [state, n] of counter.states) fam.set(n, TCP_STATE_NAMES[state] ?? 'unknown');
      if (counter.sockets > 0) {
        fam.set(counter.rxQueued, 'rx_queued_bytes');
        fam.set(counter.txQueued, 'tx_queued_bytes');
      }
    },
  }),
};
