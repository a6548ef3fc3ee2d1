// /sys/bus/pci/devices/<location>/ for the pcidevice collector. The IDs, NUMA node, SR-IOV and power
// attributes are fields of struct pci_dev (kernel memory): synchronous. The link speed and width are
// read from the device's PCIe capability in config space at each read (a device that has fallen off
// the bus, or sits behind a slow host bridge, answers only after a completion timeout): off the event
// loop, cut at the deadline: four reads per device.
import { presentOrThrow, readAttrs, readAttrsSync } from './attrs.ts';
import type { KernelFs } from './kernelFs.ts';
import { PCI_ID_ATTRS, PCI_LINK_ATTRS, PCI_OTHER_ATTRS } from '../sysfs/pciDevice.ts';
import type { PciIdAttr, PciOptionalAttr } from '../sysfs/pciDevice.ts';

export interface PciDeviceTexts {
  readonly linkTarget: string;
  readonly ids: Record<PciIdAttr, string>;
  readonly attrs: Partial<Record<PciOptionalAttr, string>>;
}

/** The entries of /sys/bus/pci/devices, sorted; throws the listing's error (ENOENT without PCI). */
export function pciDeviceNames(kfs: KernelFs): string[] {
  return kfs.listSync(kfs.sys('bus', 'pci', 'devices'));
}

/** One device's link target and attributes; throws where procfs fails (an ID unreadable, an optional attribute refused). */
export async function readPciDevice(kfs: KernelFs, name: string, deadline: number): Promise<PciDeviceTexts> {
  const dir = kfs.sys('bus', 'pci', 'devices', name);
  const linkTarget = kfs.readLinkOptionalSync(dir);
  if (linkTarget === undefined) throw new Error(`failed to readlink ${dir}`);
  const idResults = readAttrsSync(kfs, dir, PCI_ID_ATTRS);
  const ids = {} as Record<PciIdAttr, string>;
  for (const a of PCI_ID_ATTRS) {
    const r = idResults[a];
    if (!r.ok) throw r.err;
    ids[a] = r.text;
  }
  const other = readAttrsSync(kfs, dir, PCI_OTHER_ATTRS);
  const link = await readAttrs(kfs, dir, PCI_LINK_ATTRS, deadline);
  return { linkTarget, ids, attrs: presentOrThrow<PciOptionalAttr>({ ...other, ...link }) };
}
