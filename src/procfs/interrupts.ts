// /proc/interrupts: a header with one column per online CPU, then one interrupt a line.
//              CPU0       CPU1       CPU2       CPU3
//    11:   12345678    9876543    8765432    7654321     GICv3  30 Level     arch_timer
//   IPI0:2768808080 2844211768 2878602432 2730576120       Rescheduling interrupts
//   Err:          0
// Numbered interrupts carry the controller ("GICv3", "IR-PCI-MSI") as info and the rest as devices;
// named ones (NMI, LOC, IPI0) carry a description as info. Read as node_exporter's interrupts_linux.go:
// the name is what precedes the first ':' (on aarch64 a wide count can follow it with no space), lines
// with fewer than one count per CPU plus one more field (ERR, MIS, Err) are skipped.
export interface Interrupt {
  readonly name: string;
  readonly info: string;
  readonly devices: string;
  /** One count per CPU column, in header order. */
  readonly values: readonly number[];
}

const COUNT = /^\d+$/;
// Go's strconv.Atoi: optional sign, decimal digits.
const NUMBERED = /^[+-]?\d+$/;

/** The interrupts of /proc/interrupts; a later line with the same name replaces an earlier one. */
export function parseInterrupts(text: string): Interrupt[] {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').trim().split(/\s+/).filter((f) => f !== '');
  if (header.length === 0 || !header.every((h) => /^CPU\d+$/.test(h))) {
    throw new Error(`unexpected interrupts header: ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`);
  }
  const cpus = header.length;
  const byName = new Map<string, Interrupt>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const parts = line.slice(colon + 1).trim().split(/\s+/).filter((f) => f !== '');
    if (parts.length < cpus + 1) continue;
    const counts = parts.slice(0, cpus);
    if (!counts.every((c) => COUNT.test(c))) continue;
    const name = line.slice(0, colon).replace(/^ +/, '');
    const numbered = NUMBERED.test(name);
    byName.set(name, {
      name,
      info: numbered ? (parts[cpus] as string) : parts.slice(cpus).join(' '),
      devices: numbered ? parts.slice(cpus + 1).join(' ') : '',
      values: counts.map(Number),
    });
  }
  return [...byName.values()];
}
