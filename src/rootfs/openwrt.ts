// What OpenWrt's `ubus call system board` reports, from the files it comes from:
//   /etc/openwrt_release        DISTRIB_ID='OpenWrt' DISTRIB_RELEASE='24.10.2' DISTRIB_REVISION='r28739-…'
//                               DISTRIB_TARGET='mediatek/filogic' (shell assignments)
//   /etc/board.json             {"model": {"id": "bananapi,bpi-r3", "name": "Bananapi BPI-R3"}, …}
//   /tmp/sysinfo/board_name     the same board id, written at boot (used when board.json lacks it)
//   /sys/firmware/devicetree/base/model   "Bananapi BPI-R3\0" (NUL-terminated)
//   /proc/cpuinfo               the "system" string, as rpcd derives it
import { parseEnvFile } from './envFile.ts';

export interface OpenwrtRelease {
  readonly id: string;
  readonly release: string;
  readonly revision: string;
  readonly target: string;
}

/** Parses /etc/openwrt_release; missing fields are "". Throws when no DISTRIB_* assignment is there at all. */
export function parseOpenwrtRelease(text: string): OpenwrtRelease {
  const env = parseEnvFile(text).values;
  if (![...env.keys()].some((k) => k.startsWith('DISTRIB_'))) throw new Error('no DISTRIB_* assignment in openwrt_release');
  const get = (k: string): string => env.get(k) ?? '';
  return { id: get('DISTRIB_ID'), release: get('DISTRIB_RELEASE'), revision: get('DISTRIB_REVISION'), target: get('DISTRIB_TARGET') };
}

export interface BoardJsonModel {
  readonly id?: string;
  readonly name?: string;
}

/** model.id and model.name of /etc/board.json; {} when the text is not JSON or has no such strings. */
export function parseBoardJsonModel(text: string): BoardJsonModel {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof doc !== 'object' || doc === null || !('model' in doc)) return {};
  const model = (doc as { model: unknown }).model;
  if (typeof model !== 'object' || model === null) return {};
  const m = model as { id?: unknown; name?: unknown };
  return {
    ...(typeof m.id === 'string' ? { id: m.id } : {}),
    ...(typeof m.name === 'string' ? { name: m.name } : {}),
  };
}

/** A devicetree string property: the text up to the first NUL, surrounding whitespace trimmed. */
export function devicetreeString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return Buffer.from(nul === -1 ? bytes : bytes.subarray(0, nul))
    .toString('utf8')
    .trim();
}

const SYSTEM_KEYS: ReadonlySet<string> = new Set(['system type', 'processor', 'cpu', 'cpu model', 'model name']);

/**
 * rpcd's "system": the first /proc/cpuinfo line keyed "system type", "processor", "cpu", "cpu model" or
 * "model name" (any case) whose value is not a plain number (MIPS: "MediaTek MT7621 ver:1 eco:3",
 * ARMv7: "ARMv7 Processor rev 1 (v7l)", x86: the CPU model); on arm64, which has none of them,
 * "ARMv8 Processor rev <CPU revision>". "" when nothing fits.
 */
export function cpuinfoSystem(cpuinfo: string): string {
  let armRevision: string | undefined;
  for (const line of cpuinfo.split('\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (value === '') continue;
    if (SYSTEM_KEYS.has(key) && !/^(?:0[xX][0-9a-fA-F]+|\d+)$/.test(value)) return value;
    if (key === 'cpu revision' && armRevision === undefined && /^\d+$/.test(value)) armRevision = value;
  }
  return armRevision === undefined ? '' : `ARMv8 Processor rev ${Number(armRevision)}`;
}
