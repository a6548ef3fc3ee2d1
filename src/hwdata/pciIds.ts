// The pci.ids database (https://pci-ids.ucw.cz, /usr/share/misc/pci.ids), parsed as node_exporter's
// pcidevice collector parses it for --collector.pcidevice.names, and its lookups with their fallbacks.
//   8086  Intel Corporation
//   <TAB>15f3  Ethernet Controller I225-V
//   <TAB><TAB>8086 0003  Ethernet Controller I225-V
//   C 02  Network controller
//   <TAB>00  Ethernet controller
export interface PciIds {
  readonly vendors: ReadonlyMap<string, string>;
  /** "vendor:device" -> name. */
  readonly devices: ReadonlyMap<string, string>;
  /** "vendor:device" -> "subvendor:subdevice" -> name. */
  readonly subsystems: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly classes: ReadonlyMap<string, string>;
  /** class + subclass ("0200") -> name. */
  readonly subclasses: ReadonlyMap<string, string>;
  /** class + subclass + programming interface ("010802") -> name. */
  readonly progIfs: ReadonlyMap<string, string>;
}

export const EMPTY_PCI_IDS: PciIds = { vendors: new Map(), devices: new Map(), subsystems: new Map(), classes: new Map(), subclasses: new Map(), progIfs: new Map() };

/** Go's strings.SplitN(s, "  ", 2), trimmed: [id, name] when the line has a double space. */
function idAndName(line: string): [string, string] | undefined {
  const i = line.indexOf('  ');
  return i < 0 ? undefined : [line.slice(0, i).trim(), line.slice(i + 2).trim()];
}

export function parsePciIds(text: string): PciIds {
  const vendors = new Map<string, string>();
  const devices = new Map<string, string>();
  const subsystems = new Map<string, Map<string, string>>();
  const classes = new Map<string, string>();
  const subclasses = new Map<string, string>();
  const progIfs = new Map<string, string>();
  let vendor = '';
  let device = '';
  let baseClass = '';
  let subclass = '';
  let inClass = false;
  for (let line of text.split('\n')) {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '' || line.startsWith('#')) continue;
    const oneTab = line.startsWith('\t') && !line.startsWith('\t\t');
    const twoTabs = line.startsWith('\t\t') && !line.startsWith('\t\t\t');
    if (line.startsWith('C ')) {
      const p = idAndName(line);
      if (p) {
        baseClass = p[0].slice(1).trim();
        classes.set(baseClass, p[1]);
        inClass = true;
      }
    } else if (oneTab && inClass) {
      const p = idAndName(line.slice(1));
      if (p && baseClass !== '') {
        subclass = baseClass + p[0];
        subclasses.set(subclass, p[1]);
      }
    } else if (twoTabs && inClass) {
      const p = idAndName(line.slice(2));
      if (p && subclass !== '') progIfs.set(subclass + p[0], p[1]);
    } else if (!line.startsWith('\t')) {
      const p = idAndName(line);
      if (p) {
        [vendor, device] = [p[0], ''];
        vendors.set(vendor, p[1]);
        inClass = false;
      }
    } else if (oneTab) {
      const p = idAndName(line.slice(1));
      if (p && vendor !== '') {
        device = p[0];
        devices.set(`${vendor}:${device}`, p[1]);
      }
    } else if (line.startsWith('\t\t')) {
      const p = idAndName(line.slice(2));
      if (p && vendor !== '' && device !== '') {
        const ids = p[0].split(/\s+/).filter((f) => f !== '');
        const key = `${vendor}:${device}`;
        let m = subsystems.get(key);
        if (m === undefined) subsystems.set(key, (m = new Map()));
        if (ids.length === 2) m.set(`${ids[0]}:${ids[1]}`, p[1]);
      }
    }
  }
  return { vendors, devices, subsystems, classes, subclasses, progIfs };
}

const bare = (id: string): string => (id.startsWith('0x') ? id.slice(2) : id).toLowerCase();

/** The name labels node_exporter adds for IDs spelled as in its labels ("0x8086"); each falls back to the bare ID. */
export function pciNames(db: PciIds, ids: { classId: string; vendorId: string; deviceId: string; subsystemVendorId: string; subsystemDeviceId: string }): {
  vendor: string;
  device: string;
  subsystemVendor: string;
  subsystemDevice: string;
  className: string;
} {
  const v = bare(ids.vendorId);
  const d = bare(ids.deviceId);
  const sv = bare(ids.subsystemVendorId);
  const sd = bare(ids.subsystemDeviceId);
  const c = bare(ids.classId);
  const className = (c.length >= 6 ? db.progIfs.get(c.slice(0, 6)) : undefined) ?? (c.length >= 4 ? db.subclasses.get(c.slice(0, 4)) : undefined) ?? (c.length >= 2 ? db.classes.get(c.slice(0, 2)) : undefined) ?? `Unknown class (${c})`;
  return {
    vendor: db.vendors.get(v) ?? v,
    device: db.devices.get(`${v}:${d}`) ?? d,
    subsystemVendor: db.vendors.get(sv) ?? sv,
    subsystemDevice: db.subsystems.get(`${v}:${d}`)?.get(`${sv}:${sd}`) ?? sd,
    className,
  };
}
