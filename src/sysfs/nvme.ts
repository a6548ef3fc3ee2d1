// Names and numbers of /sys/class/nvme and /sys/class/nvme-subsystem as prometheus/procfs reads them
// (sysfs.NVMeClass, sysfs.NVMeSubsystemClass). Pure: the reading is src/kernel/nvme.ts.
import { parseGoUint64Base10 } from '../goparse.ts';

const NAMESPACE = /nvme\d+n(\d+)/;

/** The namespace id of a controller directory entry ("nvme0n1" -> "1"; unanchored, as procfs matches), or undefined. */
export function nvmeNamespaceId(entry: string): string | undefined {
  return NAMESPACE.exec(entry)?.[1];
}

/** nuse, size, logical_block_size: a count, 0 when it does not parse (procfs ignores the parse error). */
export function nvmeCountOrZero(text: string): number {
  return parseGoUint64Base10(text) ?? 0;
}

/** A subsystem's controller entry ("nvme0"). */
export function isSubsystemController(entry: string): boolean {
  return /^nvme\d+$/.test(entry);
}

/** A subsystem's namespace block device entry ("nvme0n1"). */
export function isSubsystemNamespace(entry: string): boolean {
  return /^nvme\d+n\d+$/.test(entry);
}

/** nvmesubsystem's controller states (node_exporter's map), "unknown" for anything else. */
const CONTROLLER_STATES: Readonly<Record<string, string>> = {
  live: 'live',
  connecting: 'connecting',
  resetting: 'resetting',
  dead: 'dead',
  deleting: 'deleting',
  'deleting (no IO)': 'deleting',
  new: 'new',
};

/** Every state node_nvmesubsystem_path_state reports, sorted. */
export const CONTROLLER_STATE_LABELS: readonly string[] = [...new Set([...Object.values(CONTROLLER_STATES), 'unknown'])].sort();

export function normalizeControllerState(raw: string): string {
  return Object.hasOwn(CONTROLLER_STATES, raw) ? (CONTROLLER_STATES[raw] as string) : 'unknown';
}
