// /sys/devices/system/clocksource/clocksource<N>/{available_clocksource,current_clocksource}:
//   available_clocksource: "arch_sys_counter jiffies\n"   current_clocksource: "arch_sys_counter\n"
// Read as prometheus/procfs's sysfs.ClockSources does: available split on whitespace, current trimmed.

export interface ClockSource {
  readonly available: readonly string[];
  readonly current: string;
}

export function parseClockSource(available: string, current: string): ClockSource {
  return { available: available.trim().split(/\s+/).filter((s) => s !== ''), current: current.trim() };
}

/** procfs globs "clocksource[0-9]*" and takes the matches in Go's sort order (byte-wise). */
export function clockSourceDirs(names: readonly string[]): string[] {
  return names.filter((n) => /^clocksource[0-9]/.test(n)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
