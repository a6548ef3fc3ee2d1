// /sys/class/hwmon: the chips, their names (so that chips sharing a device can be told apart) and the
// values of their sensor attribute files, for the hwmon collector (node_exporter's
// collector/hwmon_linux.go). Values are made by drivers on read (i2c and SMBus sensors, drivetemp on a
// sleeping disk): read off the event loop and cut at the deadline; names, links and listings are
// kernfs's own and read synchronously.
import { basename, join } from 'node:path';
import { NoDataError } from '../collector.ts';
import type { KernelFs } from './kernelFs.ts';
import { isNotFound } from './readErrors.ts';
import { toValidUtf8 } from '../gostrings.ts';
import { baseChipName, chipLabels, deviceLinkOf, humanChipName, sensorKeyOf } from '../sysfs/hwmon.ts';
import type { ChipCandidate } from '../sysfs/hwmon.ts';

export interface Chip extends ChipCandidate {
  readonly dir: string;
  /** The `name` file, whitespace trimmed, as the driver spells it ("coretemp"); undefined without one. */
  readonly nameText: string | undefined;
}

export interface ValuesOptions {
  /** Also read the device/ directory (old kernels, applesmc), as node_exporter does; default true. */
  readonly deviceDir?: boolean;
  /** Only the files of these sensor properties (default: all). */
  readonly want?: (sensor: string, property: string) => boolean;
}

/** Sensor key -> property -> value, as read from one hwmon directory (and its device/ directory). */
export type SensorData = Map<string, Map<string, string>>;

export interface ChipReading {
  readonly chip: Chip;
  /** node_exporter's chip label (base name, made unique among chips that share it). */
  readonly label: string;
}

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

/** Strips leading and trailing "\n" bytes (Go's strings.Trim(raw, "\n")), then decodes. */
function attributeText(bytes: Uint8Array): string {
  let start = 0;
  let end = bytes.length;
  while (start < end && bytes[start] === 0x0a) start++;
  while (end > start && bytes[end - 1] === 0x0a) end--;
  return toValidUtf8(bytes.subarray(start, end));
}

/** Reads the chips of /sys/class/hwmon; one reader per collector keeps what it learnt about each chip. */
export class HwmonReader {
  private readonly cache = new Map<string, ChipCache>();
  private readonly cacheOf = new Map<Chip, ChipCache | undefined>();

  constructor(private readonly kfs: KernelFs) {}

  /** Every chip with its label, in /sys/class/hwmon order; NoDataError without /sys/class/hwmon. */
  chips(): ChipReading[] {
    const kfs = this.kfs;
    const root = kfs.sys('class', 'hwmon');
    let entries: string[];
    try {
      entries = kfs.listSync(root);
    } catch (err) {
      if (isNotFound(err)) throw new NoDataError('hwmon collector metrics are not available for this system');
      throw err;
    }
    // Every chip's name first, so that chips sharing a parent device can be told apart.
    const present = new Set(entries);
    for (const e of this.cache.keys()) if (!present.has(e)) this.cache.delete(e);
    this.cacheOf.clear();
    for (const e of entries) {
      const link = kfs.readLinkOptionalSync(join(root, e));
      const cached = this.cache.get(e);
      if (cached !== undefined && cached.link === link) {
        if (cached.chip !== undefined) this.cacheOf.set(cached.chip, cached);
        continue;
      }
      const chip = this.describe(root, e);
      if (link === undefined) {
        this.cache.delete(e);
        if (chip !== undefined) this.cacheOf.set(chip, undefined);
        continue;
      }
      const fresh: ChipCache = { link, chip, files: new Map() };
      this.cache.set(e, fresh);
      if (chip !== undefined) this.cacheOf.set(chip, fresh);
    }
    const chips = [...this.cacheOf.keys()];
    const labels = chipLabels(chips);
    return chips.map((chip, i) => ({ chip, label: labels[i] ?? chip.base }));
  }

  /**
   * The sensor values of one chip (from its directory and, for old kernels and applesmc, its device/
   * directory). A file that fails to read (EIO or EAGAIN from a sleeping radio, ENOENT when it went
   * away) is skipped; a read still stuck at the deadline throws StuckReadError. Throws when the chip's
   * directory can no longer be listed.
   */
  async values(chip: Chip, deadline: number, options: ValuesOptions = {}): Promise<SensorData> {
    const c = this.cacheOf.get(chip);
    const data: SensorData = new Map();
    const own = this.filesOf(c, chip.dir, true) ?? [];
    const device = options.deviceDir === false ? [] : (this.filesOf(c, join(chip.dir, 'device'), false) ?? []);
    const want = options.want;
    const wanted = want === undefined ? [...own, ...device] : [...own, ...device].filter((w) => want(w.sensor, w.property));
    const values = await this.kfs.attrBytesMany(
      wanted.map((w) => w.path),
      deadline,
    );
    // In file order, own directory first: a device/ file of the same name overrides, as in node_exporter.
    wanted.forEach((w, i) => {
      const b = values[i];
      if (b === undefined || b instanceof Error) return;
      const v = attributeText(b);
      let props = data.get(w.sensor);
      if (!props) {
        props = new Map();
        data.set(w.sensor, props);
      }
      props.set(w.property, v);
    });
    return data;
  }

  /** The sensor files of dir (null: not a directory), listed once per chip while the chip is cached. */
  private filesOf(c: ChipCache | undefined, dir: string, mustExist: boolean): readonly Wanted[] | null {
    const known = c?.files.get(dir);
    if (known !== undefined) return known;
    const list = mustExist || this.kfs.isDirectorySync(dir) ? this.wantedFiles(dir) : null;
    c?.files.set(dir, list);
    return list;
  }

  /**
   * The sensor attribute files of a directory, sorted. Subdirectories are left out here rather than
   * failing with EISDIR on every scrape (node_exporter skips them the same way, on each read).
   */
  private wantedFiles(dir: string): Wanted[] {
    return this.kfs
      .entriesSync(dir)
      .filter((d) => !d.isDirectory())
      .map((d) => d.name)
      .sort()
      .flatMap((f) => {
        const key = sensorKeyOf(f);
        return key ? [{ path: join(dir, f), ...key }] : [];
      });
  }

  /** The chip's base name and human-readable name, or undefined if the directory went away. */
  private describe(root: string, entry: string): Chip | undefined {
    const kfs = this.kfs;
    const dir = join(root, entry);
    if (!kfs.isDirectorySync(dir)) return undefined;
    const devicePath = kfs.realPathOptionalSync(join(dir, 'device'));
    // The name file is the driver's constant string, not a measurement: read synchronously.
    let nameFile: string | undefined;
    try {
      nameFile = kfs.readTextSync(join(dir, 'name'));
    } catch {
      nameFile = undefined;
    }
    const real = kfs.realPathOptionalSync(dir);
    if (real === undefined) return undefined;
    const base = baseChipName(devicePath === undefined ? undefined : deviceLinkOf(devicePath), nameFile, basename(real));
    if (base === undefined) return undefined;
    return { dir, entry, base, humanName: humanChipName(nameFile), nameText: nameFile?.trim() };
  }
}
