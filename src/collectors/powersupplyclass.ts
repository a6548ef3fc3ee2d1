// node_power_supply_* from /sys/class/power_supply (node_exporter's collector/powersupplyclass_linux.go
// on prometheus/procfs's sysfs.PowerSupplyClass): batteries, mains/USB adapters, UPS and PoE supplies.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { powerSupplyNames, readPowerSupply } from '../kernel/powerSupply.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import { DECI_ATTRS, INFO_ATTRS, MICRO_ATTRS, PLAIN_ATTRS, parsePowerSupply } from '../sysfs/powerSupply.ts';
import type { PowerSupply } from '../sysfs/powerSupply.ts';

const IGNORED = 'collector.powersupply.ignored-supplies';

export const powersupplyclass: CollectorDefinition = {
  name: 'powersupplyclass',
  defaultEnabled: true,
  help: 'Exposes Power Supply statistics from /sys/class/power_supply.',
  flags: [{ name: IGNORED, type: 'regex', default: '^$', help: 'Regexp of power supplies to ignore for powersupplyclass collector.' }],
  create(env) {
    const ignored = env.flags.regex(IGNORED);
    return {
      async update(ctx) {
        let names: string[];
        try {
          names = powerSupplyNames(ctx.kernel);
        } catch (err) {
          if (isNotFound(err)) throw new NoDataError('no /sys/class/power_supply');
          throw err;
        }
        const wanted = names.filter((n) => ignored === undefined || !ignored.test(n));
        const supplies = await Promise.all(
          wanted.map(async (n): Promise<PowerSupply | undefined> => {
            const attrs = await readPowerSupply(ctx.kernel, n, ctx.deadline);
            return attrs === undefined ? undefined : parsePowerSupply(n, attrs);
          }),
        );
        for (const s of supplies) {
          if (s === undefined) continue;
          for (const [table, divisor] of [
            [PLAIN_ATTRS, 1],
            [MICRO_ATTRS, 1e6],
            [DECI_ATTRS, 10],
          ] as const) {
            for (const [attr, metric] of table) {
              const v = s.numbers.get(attr);
              if (v === undefined) continue;
              const value = divisor === 1 ? v : v / divisor;
              ctx.gauge(`node_power_supply_${metric}`, `${metric} value of /sys/class/power_supply/<power_supply>.`, ['power_supply']).set(value, s.name);
            }
          }
          // The info labels differ from supply to supply (only the non-empty ones), so it is a pass-through family.
          const labels: Record<string, string> = { power_supply: s.name };
          for (const a of INFO_ATTRS) {
            const t = s.texts.get(a);
            if (t !== undefined) labels[a] = t;
          }
          ctx.samples('node_power_supply_info', 'info of /sys/class/power_supply/<power_supply>.', 'gauge').add('node_power_supply_info', labels, 1);
        }
      },
    };
  },
};
