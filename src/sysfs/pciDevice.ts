// /sys/bus/pci/devices/<location>/ (Documentation/ABI/testing/sysfs-bus-pci), as prometheus/procfs's
// sysfs.PciDevices reads it: the IDs (strconv.ParseInt(s, 0, 32): "0x8086"), PCIe link speed
// ("8.0 GT/s PCIe") and width, NUMA node, SR-IOV and power-management attributes. The location and its
// parent come from the device's link ("../../../devices/pci0000:00/0000:00:1c.0/0000:02:00.0").
import { parseGoFloat, parseGoInt32, parseGoInt64Base10, parseGoUint32Base10, parseGoUint64Base10 } from '../goparse.ts';

export const PCI_ID_ATTRS = ['class', 'vendor', 'device', 'subsystem_vendor', 'subsystem_device', 'revision'] as const;
export const PCI_LINK_ATTRS = ['max_link_speed', 'max_link_width', 'current_link_speed', 'current_link_width'] as const;
export const PCI_OTHER_ATTRS = [
  'numa_node',
  'sriov_drivers_autoprobe',
  'sriov_numvfs',
  'sriov_offset',
  'sriov_stride',
  'sriov_totalvfs',
  'sriov_vf_device',
  'sriov_vf_total_msix',
  'd3cold_allowed',
  'power_state',
] as const;
export type PciIdAttr = (typeof PCI_ID_ATTRS)[number];
export type PciOptionalAttr = (typeof PCI_LINK_ATTRS)[number] | (typeof PCI_OTHER_ATTRS)[number];

export const PCI_POWER_STATES = ['D0', 'D1', 'D2', 'D3hot', 'D3cold', 'unknown', 'error'] as const;

export interface PciLocation {
  readonly segment: number;
  readonly bus: number;
  readonly device: number;
  readonly function: number;
}

export interface PciDevice {
  readonly location: PciLocation;
  readonly parent: PciLocation | undefined;
  readonly ids: Record<PciIdAttr, number>;
  readonly maxLinkSpeed?: number;
  readonly currentLinkSpeed?: number;
  readonly maxLinkWidth?: number;
  readonly currentLinkWidth?: number;
  readonly numaNode?: number;
  readonly sriovDriversAutoprobe?: boolean;
  readonly sriovNumvfs?: number;
  readonly sriovTotalvfs?: number;
  readonly sriovVfTotalMsix?: number;
  readonly d3coldAllowed?: boolean;
  readonly powerState?: string;
}

/** Go's %x of an int (a '-' before the digits of a negative one), zero-padded to width. */
function hex(n: number, width: number): string {
  const digits = Math.abs(n).toString(16).padStart(n < 0 ? Math.max(width - 1, 0) : width, '0');
  return n < 0 ? `-${digits}` : digits;
}

/** The location as node_exporter's labels spell it: ["0000", "01", "00", "0"]. */
export function pciLocationStrings(l: PciLocation): [string, string, string, string] {
  return [hex(l.segment, 4), hex(l.bus, 2), hex(l.device, 2), hex(l.function, 0)];
}

/** "0000:01:00.0" -> its parts (each strconv.ParseInt(s, 16, 32)); throws when it is not a location. */
export function parsePciLocation(text: string): PciLocation {
  const colon = text.split(':');
  const parts = colon.length === 3 ? [colon[0], colon[1], ...(colon[2] as string).split('.')] : [];
  const n = parts.length === 4 ? parts.map((p) => parseGoInt32(p as string, 16)) : [];
  if (n.length !== 4 || n.some((v) => v === undefined)) throw new Error(`invalid PCI location ${JSON.stringify(text)}`);
  const [segment, bus, device, fn] = n as [number, number, number, number];
  return { segment, bus, device, function: fn };
}

/**
 * The device's location and its parent's from its link target: the last path element, and the one
 * before it unless that is the host bridge ("pci0000:00"). Throws on a name that is not a location.
 */
export function pciLocationsFromLink(target: string): { location: PciLocation; parent: PciLocation | undefined } {
  const parts = target.replace(/\/+$/, '').split('/');
  const self = parts[parts.length - 1] ?? '';
  const up = parts.length > 1 ? (parts[parts.length - 2] as string) : '.';
  return { location: parsePciLocation(self), parent: up.startsWith('pci') ? undefined : parsePciLocation(up) };
}

function fail(attr: string, text: string): never {
  throw new Error(`invalid PCI ${attr} ${JSON.stringify(text)}`);
}

/** "8.0 GT/s PCIe" -> 8 (GT/s); undefined for "" or "Unknown…"; throws on anything else. */
function linkSpeed(attr: string, text: string): number | undefined {
  if (text === '' || text.startsWith('Unknown')) return undefined;
  const sp = text.indexOf(' ');
  if (sp < 0 || text.slice(sp + 1) !== 'GT/s PCIe') fail(attr, text);
  return parseGoFloat(text.slice(0, sp + 1).trim()) ?? fail(attr, text);
}

/**
 * One device from its link target, its six ID attributes and the optional attributes that exist
 * (name -> trimmed text). Throws where procfs fails the whole class.
 */
export function parsePciDevice(linkTarget: string, ids: Record<PciIdAttr, string>, attrs: Partial<Record<PciOptionalAttr, string>>): PciDevice {
  const { location, parent } = pciLocationsFromLink(linkTarget);
  const idValues = {} as Record<PciIdAttr, number>;
  for (const a of PCI_ID_ATTRS) idValues[a] = (parseGoInt32(ids[a], 0) ?? fail(a, ids[a])) >>> 0;
  const d: { -readonly [K in keyof PciDevice]: PciDevice[K] } = { location, parent, ids: idValues };
  const a = attrs;
  const width = (name: 'max_link_width' | 'current_link_width'): number | undefined => {
    const t = a[name];
    if (t === undefined || t === '' || t.startsWith('Unknown')) return undefined;
    return parseGoInt64Base10(t) ?? fail(name, t);
  };
  if (a.max_link_speed !== undefined) d.maxLinkSpeed = linkSpeed('max_link_speed', a.max_link_speed);
  if (a.current_link_speed !== undefined) d.currentLinkSpeed = linkSpeed('current_link_speed', a.current_link_speed);
  d.maxLinkWidth = width('max_link_width');
  d.currentLinkWidth = width('current_link_width');
  const t = (name: PciOptionalAttr): string | undefined => (a[name] === '' ? undefined : a[name]);
  const numa = t('numa_node');
  if (numa !== undefined && !numa.startsWith('Unknown')) d.numaNode = parseGoInt32(numa, 10) ?? fail('numa_node', numa);
  const autoprobe = t('sriov_drivers_autoprobe');
  if (autoprobe !== undefined) d.sriovDriversAutoprobe = (parseGoInt32(autoprobe, 10) ?? fail('sriov_drivers_autoprobe', autoprobe)) !== 0;
  for (const name of ['sriov_offset', 'sriov_stride'] as const) {
    const v = t(name);
    if (v !== undefined && parseGoUint32Base10(v) === undefined) fail(name, v);
  }
  const vfDevice = t('sriov_vf_device');
  if (vfDevice !== undefined && !(/^[0-9a-fA-F]+$/.test(vfDevice) && parseInt(vfDevice, 16) <= 0xffffffff)) fail('sriov_vf_device', vfDevice);
  const numvfs = t('sriov_numvfs');
  if (numvfs !== undefined) d.sriovNumvfs = parseGoUint32Base10(numvfs) ?? fail('sriov_numvfs', numvfs);
  const totalvfs = t('sriov_totalvfs');
  if (totalvfs !== undefined) d.sriovTotalvfs = parseGoUint32Base10(totalvfs) ?? fail('sriov_totalvfs', totalvfs);
  const msix = t('sriov_vf_total_msix');
  if (msix !== undefined) d.sriovVfTotalMsix = parseGoUint64Base10(msix) ?? fail('sriov_vf_total_msix', msix);
  const d3 = t('d3cold_allowed');
  if (d3 !== undefined) d.d3coldAllowed = (parseGoInt32(d3, 10) ?? fail('d3cold_allowed', d3)) !== 0;
  const ps = t('power_state');
  if (ps !== undefined) d.powerState = ps;
  return d;
}

/** "0x%0<width>x" of an ID (class_id is 6 digits, the others 4, revision 2). */
export function pciIdLabel(value: number, width: number): string {
  return `0x${value.toString(16).padStart(width, '0')}`;
}
