// /sys/class/powercap/<zone>/ for the rapl collector, all synchronous. `name` and `max_energy_range_uj`
// are kernel memory (the range is computed from units read once at probe). `energy_uj` does call the
// driver, but what it does is read a register: the RAPL energy MSR on a CPU of the package (rdmsr there
// through an IPI, microseconds) or an MMIO register (intel-rapl-mmio); no bus, firmware or lock that can
// hold it. A pool round trip per zone would cost more than the read (measured in collectors-notes.md).
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { parseMicrojoules, raplZoneNames } from '../sysfs/powercap.ts';

export interface RaplZone {
  readonly name: string;
  readonly index: number;
  /** The zone's directory as node_exporter labels it: --path.sysfs joined with class/powercap/<entry>. */
  readonly path: string;
}

/**
 * The zones of /sys/class/powercap: entries with a readable `name` file (the control type directory
 * "intel-rapl" has none). Throws the listing's error (ENOENT without powercap) and the error of a
 * zone's max_energy_range_uj, which procfs requires.
 */
export function raplZones(kfs: KernelFs): RaplZone[] {
  const root = kfs.sys('class', 'powercap');
  const found: { path: string; raw: string }[] = [];
  for (const entry of kfs.listSync(root)) {
    const path = join(root, entry);
    let raw: string;
    try {
      raw = kfs.attrOrThrowSync(join(path, 'name'));
    } catch {
      continue;
    }
    parseMicrojoules(kfs.attrOrThrowSync(join(path, 'max_energy_range_uj')));
    found.push({ path, raw });
  }
  const names = raplZoneNames(found.map((f) => f.raw));
  return found.map((f, i) => ({ ...(names[i] as { name: string; index: number }), path: f.path }));
}

/** The zone's energy counter in microjoules (util.ReadUintFromFile); throws the read error or a parse error. */
export function raplEnergyMicrojoules(kfs: KernelFs, zone: RaplZone): number {
  return parseMicrojoules(kfs.attrOrThrowSync(join(zone.path, 'energy_uj')));
}
