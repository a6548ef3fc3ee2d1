// node_qdisc_* (node_exporter's collector/qdisc_linux.go): the statistics of each interface's root
// queueing discipline (fq_codel, cake, mq, pfifo_fast, noqueue...). node_exporter asks rtnetlink
// (RTM_GETQDISC); Node.js has no netlink socket, so we run `tc -s -j qdisc show` (iproute2) and parse
// its JSON (src/tc/qdiscShow.ts), as the wifi collector runs iw. Only root qdiscs are reported, as in
// node_exporter: the children of mq/htb/prio and the ingress/clsact qdiscs are not (ingress shaping
// through an ifb device shows as that device's root). Off by default, as in node_exporter.
import { join } from 'node:path';
import type { CollectorDefinition, CollectorContext } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { deviceFilter } from '../deviceFilter.ts';
import { CommandError, CommandLocator, runCommand } from '../hostCommand.ts';
import { readHostFileSync } from '../hostFiles.ts';
import type { TcQdisc } from '../tc/qdiscShow.ts';
import { parseTcQdiscs } from '../tc/qdiscShow.ts';

const FIXTURES = 'collector.qdisc.fixtures';
const INCLUDE = 'collector.qdisc.device-include';
const EXCLUDE = 'collector.qdisc.device-exclude';
const OLD_INCLUDE = 'collector.qdisk.device-include';
const OLD_EXCLUDE = 'collector.qdisk.device-exclude';
const TC = 'collector.qdisc.tc';
const TIMEOUT = 'collector.qdisc.timeout';

/** What --collector.qdisc.fixtures names a directory of: tc's output, read instead of running tc. */
export const QDISC_FIXTURE_FILE = 'tc-qdisc.json';
const TC_ARGS = ['-s', '-j', 'qdisc', 'show'];
/** ~1-2 KiB per qdisc (cake's tins are the largest): room for thousands. */
const MAX_OUTPUT = 16 * 1024 * 1024;
const NEED_TC = 'node_qdisc_* need tc (Debian: iproute2; OpenWrt: tc-tiny or tc-full)';

/** node_exporter's families, in its order: name, HELP, type, and the statistic. */
const FAMILIES: ReadonlyArray<readonly [name: string, help: string, type: 'counter' | 'gauge', stat: (q: TcQdisc) => number | undefined]> = [
  ['node_qdisc_bytes_total', 'Number of bytes sent.', 'counter', (q) => q.bytes],
  ['node_qdisc_packets_total', 'Number of packets sent.', 'counter', (q) => q.packets],
  ['node_qdisc_drops_total', 'Number of packets dropped.', 'counter', (q) => q.drops],
  ['node_qdisc_requeues_total', 'Number of packets dequeued, not transmitted, and requeued.', 'counter', (q) => q.requeues],
  ['node_qdisc_overlimits_total', 'Number of overlimit packets.', 'counter', (q) => q.overlimits],
  ['node_qdisc_current_queue_length', 'Number of packets currently in queue to be sent.', 'gauge', (q) => q.qlen],
  ['node_qdisc_backlog', 'Number of bytes currently in queue to be sent.', 'gauge', (q) => q.backlog],
];

function emit(ctx: CollectorContext, qdiscs: readonly TcQdisc[]): void {
  const labels = ['device', 'kind'];
  const families = FAMILIES.map(([name, help, type, stat]) => [type === 'counter' ? ctx.counter(name, help, labels) : ctx.gauge(name, help, labels), stat] as const);
  const seen = new Set<string>();
  for (const q of qdiscs) {
    const key = `${q.dev}\u0000${q.kind}`;
    if (seen.has(key)) continue; // one root qdisc per device: a repeat is not a second series
    seen.add(key);
    for (const [family, stat] of families) {
      // A statistic tc did not print is left out (node_exporter: 0).
      const v = stat(q);
      if (v !== undefined) family.set(v, q.dev, q.kind);
    }
  }
}

export const qdisc: CollectorDefinition = {
  name: 'qdisc',
  defaultEnabled: false,
  help: 'Exposes queuing discipline statistics, from tc(8) (no data without it).',
  flags: [
    { name: FIXTURES, type: 'string', default: '', help: `Directory holding ${QDISC_FIXTURE_FILE}, the output of \`tc -s -j qdisc show\`, read instead of running tc (for tests).` },
    { name: INCLUDE, type: 'regex', help: 'Regexp of qdisc devices to include (mutually exclusive to device-exclude).' },
    { name: EXCLUDE, type: 'regex', help: 'Regexp of qdisc devices to exclude (mutually exclusive to device-include).' },
    { name: OLD_INCLUDE, type: 'regex', help: 'DEPRECATED: Use collector.qdisc.device-include' },
    { name: OLD_EXCLUDE, type: 'regex', help: 'DEPRECATED: Use collector.qdisc.device-exclude' },
    { name: TC, type: 'string', default: '', help: 'Path of the tc program (default: tc from $PATH, else /usr/sbin, /sbin, /usr/bin, /bin).' },
    { name: TIMEOUT, type: 'duration', default: '2s', help: 'Time allowed for one run of tc (a Go duration); it is killed after it.' },
  ],
  create(env) {
    const filter = deviceFilter(env.flags, { include: INCLUDE, exclude: EXCLUDE, deprecatedInclude: OLD_INCLUDE, deprecatedExclude: OLD_EXCLUDE, exclusive: true }, env.log);
    const timeoutMs = (env.flags.duration(TIMEOUT) ?? 2) * 1000;
    if (!(timeoutMs > 0)) throw new Error(`invalid --${TIMEOUT} "${env.flags.string(TIMEOUT) ?? ''}": must be positive`);
    const fixtures = env.flags.string(FIXTURES) ?? '';
    const locator = new CommandLocator('tc', env.flags.string(TC) ?? '');

    async function runTc(): Promise<string> {
      const tc = locator.locate();
      if (tc === undefined) throw new NoDataError(`${locator.missing()}: ${NEED_TC}`);
      try {
        return await runCommand(tc, TC_ARGS, { deadline: performance.now() + timeoutMs, timeoutFlag: TIMEOUT, maxOutput: MAX_OUTPUT });
      } catch (err) {
        if (err instanceof CommandError && err.kind === 'unrunnable') {
          locator.forget();
          throw new NoDataError(`${err.message}: ${NEED_TC}`);
        }
        throw err;
      }
    }

    return {
      async update(ctx) {
        const output = fixtures !== '' ? readHostFileSync(join(fixtures, QDISC_FIXTURE_FILE)).toString('utf8') : await runTc();
        emit(
          ctx,
          parseTcQdiscs(output).filter((q) => q.parent === undefined && !filter.ignored(q.dev)),
        );
      },
    };
  },
};
