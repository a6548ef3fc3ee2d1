// node_infiniband_* from /sys/class/infiniband (node_exporter's collector/infiniband_linux.go on
// prometheus/procfs's sysfs.InfiniBandClass): RDMA devices (InfiniBand, RoCE, iWARP) and their ports.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { deviceFilter } from '../deviceFilter.ts';
import { infinibandDeviceNames, readInfinibandDevice } from '../kernel/infiniband.ts';
import { classifyReadError } from '../kernel/readErrors.ts';
import { IB_COUNTERS, goUint32Port, parseIbCounters, parseIbRate, parseIbState } from '../sysfs/infiniband.ts';

const INCLUDE = 'collector.infiniband.device-include';
const EXCLUDE = 'collector.infiniband.device-exclude';
const LABELS = ['device', 'port'];

export const infiniband: CollectorDefinition = {
  name: 'infiniband',
  defaultEnabled: true,
  help: 'Exposes network statistics specific to InfiniBand and Intel OmniPath configurations.',
  flags: [
    { name: INCLUDE, type: 'regex', help: 'Regexp of infiniband devices to include (mutually exclusive to device-exclude).' },
    { name: EXCLUDE, type: 'regex', help: 'Regexp of infiniband devices to exclude (mutually exclusive to device-include).' },
  ],
  create(env) {
    // node_exporter names them mutually exclusive in the help but applies both.
    const filter = deviceFilter(env.flags, { include: INCLUDE, exclude: EXCLUDE, exclusive: false }, env.log);
    if (filter.include !== undefined) env.log.info('Parsed flag --collector.infiniband.device-include', { flag: filter.include.source });
    if (filter.exclude !== undefined) env.log.info('Parsed flag --collector.infiniband.device-exclude', { flag: filter.exclude.source });
    return {
      async update(ctx) {
        let devices;
        try {
          // Filtered before reading: an excluded device costs no firmware query (node_exporter reads it, then drops it).
          const wanted = infinibandDeviceNames(ctx.kernel).filter((n) => !filter.ignored(n));
          devices = await Promise.all(wanted.map((n) => readInfinibandDevice(ctx.kernel, n, ctx.deadline)));
        } catch (err) {
          // node_exporter: any file not found on the way (errors.Is(err, os.ErrNotExist)) is no data.
          if (classifyReadError(err) === 'missing') throw new NoDataError(`infiniband statistics not found: ${(err as Error).message}`);
          throw err;
        }
        const parsed = devices.map((d) => ({
          ...d,
          ports: d.ports.map((p) => ({
            port: String(goUint32Port(p.port)),
            state: parseIbState(p.state),
            physState: parseIbState(p.physState),
            rate: parseIbRate(p.rate),
            counters: parseIbCounters(p.counters),
          })),
        }));
        for (const d of parsed) {
          ctx
            .gauge('node_infiniband_info', 'Non-numeric data from /sys/class/infiniband/<device>, value is always 1.', ['device', 'board_id', 'firmware_version', 'hca_type'])
            .set(1, d.name, d.boardId, d.fwVer, d.hcaType);
          for (const p of d.ports) {
            ctx.gauge('node_infiniband_state_id', 'State of the InfiniBand port (0: no change, 1: down, 2: init, 3: armed, 4: active, 5: act defer)', LABELS).set(p.state, d.name, p.port);
            ctx
              .gauge(
                'node_infiniband_physical_state_id',
                'Physical state of the InfiniBand port (0: no change, 1: sleep, 2: polling, 3: disable, 4: shift, 5: link up, 6: link error recover, 7: phytest)',
                LABELS,
              )
              .set(p.physState, d.name, p.port);
            ctx.gauge('node_infiniband_rate_bytes_per_second', 'Maximum signal transfer rate', LABELS).set(p.rate, d.name, p.port);
            if (p.counters.lifespanSeconds !== undefined) {
              ctx
                .gauge(
                  'node_infiniband_lifespan_seconds',
                  'The maximum period in ms which defines the aging of the counter reads. Two consecutive reads within this period might return the same values.',
                  LABELS,
                )
                .set(p.counters.lifespanSeconds, d.name, p.port);
            }
            for (const [dir, file, metric, help] of IB_COUNTERS) {
              const v = p.counters.values.get(`${dir}/${file}`);
              if (v !== undefined) ctx.counter(`node_infiniband_${metric}`, help, LABELS).set(v, d.name, p.port);
            }
          }
        }
      },
    };
  },
};
