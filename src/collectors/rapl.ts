// node_rapl_*_joules_total from /sys/class/powercap (node_exporter's collector/rapl_linux.go on
// prometheus/procfs's sysfs.GetRaplZones): the energy counters of Intel/AMD RAPL zones.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { raplEnergyMicrojoules, raplZones } from '../kernel/powercap.ts';
import type { RaplZone } from '../kernel/powercap.ts';
import { classifyReadError } from '../kernel/readErrors.ts';
import { sanitizeMetricName } from '../sanitizeMetricName.ts';

const ZONE_LABEL = 'collector.rapl.enable-zone-label';

export const rapl: CollectorDefinition = {
  name: 'rapl',
  defaultEnabled: true,
  help: 'Exposes various statistics from /sys/class/powercap.',
  // node_exporter's help text for this flag is a copy-paste slip; kept, as it is what --help shows there.
  flags: [{ name: ZONE_LABEL, type: 'boolean', default: false, help: 'Enables service unit metric unit_start_time_seconds' }],
  create(env) {
    const zoneLabel = env.flags.boolean(ZONE_LABEL);
    return {
      async update(ctx) {
        let zones: RaplZone[];
        try {
          zones = raplZones(ctx.kernel);
        } catch (err) {
          const kind = classifyReadError(err);
          if (kind === 'missing') throw new NoDataError('platform has no powercap files');
          if (kind === 'permission') throw new NoDataError('cannot access powercap files');
          throw err;
        }
        const energies = zones.map((z) => {
          try {
            return raplEnergyMicrojoules(ctx.kernel, z);
          } catch (err) {
            if (classifyReadError(err) === 'permission') throw new NoDataError(`cannot access ${z.path}/energy_uj`);
            throw err;
          }
        });
        zones.forEach((z, i) => {
          const joules = (energies[i] as number) / 1e6;
          if (zoneLabel) ctx.counter('node_rapl_joules_total', 'Current RAPL value in joules', ['index', 'path', 'rapl_zone']).set(joules, String(z.index), z.path, z.name);
          else ctx.counter(`node_rapl_${sanitizeMetricName(z.name)}_joules_total`, `Current RAPL ${z.name} value in joules`, ['index', 'path']).set(joules, String(z.index), z.path);
        });
      },
    };
  },
};
