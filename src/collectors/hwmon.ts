// node_hwmon_*: hardware sensors from /sys/class/hwmon (node_exporter's collector/hwmon_linux.go).
import { readdirSync, readlinkSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CollectorContext, CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { isNotFound, readTextOptional, realPathOptional, sysPath } from '../fsread.ts';
import { sysReadBytes } from '../sysfsRead.ts';
import {
  baseChipName,
  chipLabels,
  deviceLinkOf,
  humanChipName,
  sensorKeyOf,
  sensorSamples,
  toValidUtf8,
} from '../sysfs/hwmon.ts';
import type { ChipCandidate } from '../sysfs/hwmon.ts';

const CHIP_LABELS = ['chip', 'sensor'] as const;

interface Chip extends ChipCandidate {
  readonly dir: string;
}

/** Sensor key -> property -> value, as read from one hwmon directory (and its device/ directory). */
type SensorData = Map<string, Map<string, string>>;

interface Wanted {
  /** The file's full path, joined once when the directory is listed. */
  readonly path: string;
  readonly sensor: string;
  readonly property: string;
}

/**
 * What does not change while a chip's /sys/class/hwmon/<entry> link points at the same device: its
 * names, and which sensor files its directories hold (drivers create them when they bind). A re-plugged
 * or replaced device gets a new link target, so it is described afresh; a vanished entry is dropped.
 */
interface ChipCache {
  readonly link: string;
  readonly chip: Chip | undefined;
  /** Directory -> its sensor files, or null if it is not a directory. */
  readonly files: Map<string, readonly Wanted[] | null>;
}

function readLinkOrUndefined(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The sensor attribute files of a directory, sorted. Subdirectories are left out here rather than
 * failing with EISDIR on every scrape (node_exporter skips them the same way, on each read).
 */
function wantedFiles(dir: string): Wanted[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => !d.isDirectory())
    .map((d) => d.name)
    .sort()
    .flatMap((f) => {
      const key = sensorKeyOf(f);
      return key ? [{ path: join(dir, f), ...key }] : [];
    });
}

/** Strips leading and trailing "\n" bytes (Go's strings.Trim(raw, "\n")), then decodes. */
function attributeText(bytes: Uint8Array): string {
  let start = 0;
  let end = bytes.length;
  while (start < end && bytes[start] === 0x0a) start++;
  while (end > start && bytes[end - 1] === 0x0a) end--;
  return toValidUtf8(bytes.subarray(start, end));
}

/**
 * Reads the listed sensor attributes of one directory into data. A file that fails to read (EIO or
 * EAGAIN from a sleeping radio, ENOENT when it went away) is skipped.
 */
async function collectSensorData(data: SensorData, wanted: readonly Wanted[]): Promise<void> {
  // One file at a time within a chip (I2C sensors are slow, and a router has few file descriptors to
  // spare); chips are read concurrently.
  for (const w of wanted) {
    let v: string;
    try {
      v = attributeText(await sysReadBytes(w.path));
    } catch {
      continue;
    }
    let props = data.get(w.sensor);
    if (!props) {
      props = new Map();
      data.set(w.sensor, props);
    }
    props.set(w.property, v);
  }
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** The chip's base name and human-readable name, or undefined if the directory went away. */
async function describeChip(root: string, entry: string): Promise<Chip | undefined> {
  const dir = join(root, entry);
  if (!isDirectory(dir)) return undefined;
  const devicePath = await realPathOptional(join(dir, 'device'));
  const nameFile = await readTextOptional(join(dir, 'name'));
  const real = await realPathOptional(dir);
  if (real === undefined) return undefined;
  const base = baseChipName(devicePath === undefined ? undefined : deviceLinkOf(devicePath), nameFile, basename(real));
  if (base === undefined) return undefined;
  return { dir, entry, base, humanName: humanChipName(nameFile) };
}

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
    const chipInclude = env.flags.regex('collector.hwmon.chip-include');
    const chipExclude = env.flags.regex('collector.hwmon.chip-exclude');
    const sensorInclude = env.flags.regex('collector.hwmon.sensor-include');
    const sensorExclude = env.flags.regex('collector.hwmon.sensor-exclude');
    const ignored = (name: string, include: RegExp | undefined, exclude: RegExp | undefined): boolean =>
      (exclude !== undefined && exclude.test(name)) || (include !== undefined && !include.test(name));

    const cache = new Map<string, ChipCache>();
    /** The sensor files of dir (null: not a directory), listed once per chip when the chip is cached. */
    const filesOf = (c: ChipCache | undefined, dir: string, mustExist: boolean): readonly Wanted[] | null => {
      const known = c?.files.get(dir);
      if (known !== undefined) return known;
      const list = mustExist || isDirectory(dir) ? wantedFiles(dir) : null;
      c?.files.set(dir, list);
      return list;
    };

    return {
      async update(ctx: CollectorContext) {
        const root = sysPath(ctx.paths, 'class', 'hwmon');
        let entries: string[];
        try {
          entries = readdirSync(root).sort();
        } catch (err) {
          if (isNotFound(err)) throw new NoDataError('hwmon collector metrics are not available for this system');
          throw err;
        }

        // Pass 1: every chip's name, so that chips sharing a parent device can be told apart.
        const present = new Set(entries);
        for (const e of cache.keys()) if (!present.has(e)) cache.delete(e);
        const described = await Promise.all(
          entries.map(async (e) => {
            const link = readLinkOrUndefined(join(root, e));
            const cached = cache.get(e);
            if (cached !== undefined && cached.link === link) return cached;
            const chip = await describeChip(root, e);
            if (link === undefined) {
              cache.delete(e);
              return { chip, cache: undefined };
            }
            const fresh: ChipCache = { link, chip, files: new Map() };
            cache.set(e, fresh);
            return fresh;
          }),
        );
        const cacheOf = new Map<Chip, ChipCache | undefined>();
        for (const d of described) if (d.chip !== undefined) cacheOf.set(d.chip, 'files' in d ? d : undefined);
        const chips = [...cacheOf.keys()];
        const labels = chipLabels(chips);

        // Pass 2: read and export the chips the filter lets through.
        const perChip = await Promise.all(
          chips.map(async (chip, i) => {
            const label = labels[i] ?? chip.base;
            if (ignored(label, chipInclude, chipExclude)) {
              ctx.log.debug('ignoring hwmon chip', { chip: label });
              return undefined;
            }
            const data: SensorData = new Map();
            try {
              const c = cacheOf.get(chip);
              await collectSensorData(data, filesOf(c, chip.dir, true) ?? []);
              // Old kernels (and applesmc) keep the sensor files in the parent device's directory.
              const deviceFiles = filesOf(c, join(chip.dir, 'device'), false);
              if (deviceFiles !== null) await collectSensorData(data, deviceFiles);
            } catch (err) {
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
            if (ignored(`${label};${sensor}`, sensorInclude, sensorExclude)) continue;
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
