// node_power_supply_* from /sys/class/power_supply (node_exporter's collector/powersupplyclass_linux.go
// on prometheus/procfs's sysfs.PowerSupplyClass): batteries, mains/USB adapters, UPS and PoE supplies.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { isNotFound, sysPath } from '../fsread.ts';
import { sysReadBytes } from '../sysfsRead.ts';
import { DECI_ATTRS, INFO_ATTRS, KNOWN_ATTRS, MICRO_ATTRS, PLAIN_ATTRS, parsePowerSupply, toValidUtf8 } from '../sysfs/powerSupply.ts';
import type { PowerSupply } from '../sysfs/powerSupply.ts';

const IGNORED = 'collector.powersupply.ignored-supplies';

/** The known attribute files of one supply; unreadable ones (EINVAL, ENODATA, EIO from a driver) are left out. */
async function readSupply(dir: string, name: string): Promise<PowerSupply | undefined> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return undefined; // gone since the class directory was listed
  }
  const files = entries.filter((e) => e.isFile() && KNOWN_ATTRS.has(e.name)).map((e) => e.name);
  // One read of at most 128 bytes, trimmed, as procfs's util.SysReadFile; invalid UTF-8 (a battery's
  // model_name straight from its EEPROM) is made valid the way node_exporter does it.
  const values = await Promise.all(files.map((f) => sysReadBytes(join(dir, f)).then((b) => toValidUtf8(b).trim(), () => undefined)));
  const attrs = new Map<string, string>();
  files.forEach((f, i) => {
    const v = values[i];
    if (v !== undefined) attrs.set(f, v);
  });
  return parsePowerSupply(name, attrs);
}

export const powersupplyclass: CollectorDefinition = {
  name: 'powersupplyclass',
  defaultEnabled: true,
  help: 'Exposes Power Supply statistics from /sys/class/power_supply.',
  flags: [{ name: IGNORED, type: 'regex', default: '^$', help: 'Regexp of power supplies to ignore for powersupplyclass collector.' }],
  create(env) {
    const ignored = env.flags.regex(IGNORED);
    return {
      async update(ctx) {
        const root = sysPath(ctx.paths, 'class', 'power_supply');
        let names: string[];
        try {
          names = (await readdir(root)).sort();
        } catch (err) {
          if (isNotFound(err)) throw new NoDataError('no /sys/class/power_supply');
          throw err;
        }
        const supplies = await Promise.all(names.filter((n) => ignored === undefined || !ignored.test(n)).map((n) => readSupply(join(root, n), n)));
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
