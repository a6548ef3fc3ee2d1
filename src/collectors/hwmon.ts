// node_hwmon_*: hardware sensors from /sys/class/hwmon (node_exporter's collector/hwmon_linux.go).
import type { CollectorContext, CollectorDefinition } from '../collector.ts';
import { deviceFilter } from '../deviceFilter.ts';
import { HwmonReader } from '../kernel/hwmon.ts';
import type { SensorData } from '../kernel/hwmon.ts';
import { classifyReadError } from '../kernel/readErrors.ts';
import { sensorSamples } from '../sysfs/hwmon.ts';

const CHIP_LABELS = ['chip', 'sensor'] as const;

export const hwmon: CollectorDefinition = {
  name: 'hwmon',
  defaultEnabled: true,
  help: 'Expose hardware monitoring and sensor data from /sys/class/hwmon/.',
  flags: [
    { name: 'collector.hwmon.chip-include', type: 'regex', help: 'Regexp of hwmon chip to include (mutually exclusive to device-exclude).' },
    { name: 'collector.hwmon.chip-exclude', type: 'regex', help: 'Regexp of hwmon chip to exclude (mutually exclusive to device-include).' },
    { name: 'collector.hwmon.sensor-include', type: 'regex', help: 'Regexp of hwmon sensor to include (mutually exclusive to sensor-exclude).' },
    { name: 'collector.hwmon.sensor-exclude', type: 'regex', help: 'Regexp of hwmon sensor to exclude (mutually exclusive to sensor-include).' },
  ],
  create(env) {
    const chips = deviceFilter(env.flags, { include: 'collector.hwmon.chip-include', exclude: 'collector.hwmon.chip-exclude', exclusive: false });
    const sensors = deviceFilter(env.flags, { include: 'collector.hwmon.sensor-include', exclude: 'collector.hwmon.sensor-exclude', exclusive: false });

    let reader: HwmonReader | undefined;
    return {
      async update(ctx: CollectorContext) {
        reader ??= new HwmonReader(ctx.kernel);
        const r = reader;
        // Read the chips the filter lets through, concurrently.
        const perChip = await Promise.all(
          r.chips().map(async ({ chip, label }) => {
            if (chips.ignored(label)) {
              ctx.log.debug('ignoring hwmon chip', { chip: label });
              return undefined;
            }
            let data: SensorData;
            try {
              data = await r.values(chip, ctx.deadline);
            } catch (err) {
              if (classifyReadError(err) === 'stuck') throw err;
              ctx.log.debug('could not read hwmon chip', { chip: label, err: (err as Error).message });
              return undefined;
            }
            return { chip, label, data };
          }),
        );

        for (const r of perChip) {
          if (!r) continue;
          const { chip, label, data } = r;
          if (chip.humanName !== undefined) {
            ctx.gauge('node_hwmon_chip_names', 'Annotation metric for human-readable chip names', ['chip', 'chip_name']).set(1, label, chip.humanName);
          }
          for (const sensor of [...data.keys()].sort()) {
            const props = data.get(sensor);
            if (!props) continue;
            // Sensors are filtered on "<chip>;<sensor>", e.g. platform_coretemp_0;temp3.
            if (sensors.ignored(`${label};${sensor}`)) continue;
            const text = props.get('label');
            if (text !== undefined) {
              ctx.gauge('node_hwmon_sensor_label', 'Label for given chip and sensor', ['chip', 'sensor', 'label']).set(1, label, sensor, text);
            }
            for (const s of sensorSamples(sensor, props)) {
              const fam = s.kind === 'counter' ? ctx.counter(s.name, s.help, CHIP_LABELS) : ctx.gauge(s.name, s.help, CHIP_LABELS);
              fam.set(s.value, label, s.sensor);
            }
          }
        }
      },
    };
  },
};
