// /sys/class/powercap/<zone>/ (Documentation/power/powercap/powercap.rst), as prometheus/procfs's
// sysfs.GetRaplZones names its zones: "package-0" is zone "package" with index 0; a name without a
// numeric suffix ("core", "dram") takes the count of its earlier uses as its index.
//   name "package-0"   energy_uj 240422366267   max_energy_range_uj 262143328850
import { parseGoInt64Base10, parseGoUint64Base10 } from '../goparse.ts';

export interface RaplZoneName {
  readonly name: string;
  readonly index: number;
}

/** Names and indexes for the zones' name files in directory order (getIndexAndName). */
export function raplZoneNames(rawNames: readonly string[]): RaplZoneName[] {
  const uses = new Map<string, number>();
  return rawNames.map((raw) => {
    let name = raw;
    let index: number | undefined;
    const parts = raw.split('-');
    if (parts.length === 2) {
      const n = parseGoInt64Base10(parts[1] as string);
      if (n !== undefined) [index, name] = [n, parts[0] as string];
    }
    index ??= uses.get(name) ?? 0;
    uses.set(name, index + 1);
    return { name, index };
  });
}

/** A microjoule counter (energy_uj, max_energy_range_uj): strconv.ParseUint(s, 10, 64) of the trimmed text. */
export function parseMicrojoules(text: string): number {
  const v = parseGoUint64Base10(text.trim());
  if (v === undefined) throw new Error(`invalid microjoule value ${JSON.stringify(text)}`);
  return v;
}
