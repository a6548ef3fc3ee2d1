// node_pcidevice_* from /sys/bus/pci/devices (node_exporter's collector/pcidevice_linux.go on
// prometheus/procfs's sysfs.PciDevices): each PCI function's IDs, PCIe link, SR-IOV and power state.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { pciDeviceNames, readPciDevice } from '../kernel/pciDevice.ts';
import { classifyReadError } from '../kernel/readErrors.ts';
import { PCI_POWER_STATES, parsePciDevice, pciIdLabel, pciLocationStrings } from '../sysfs/pciDevice.ts';
import type { PciDevice } from '../sysfs/pciDevice.ts';
import { readHostFileSync } from '../hostFiles.ts';
import { EMPTY_PCI_IDS, parsePciIds, pciNames } from '../hwdata/pciIds.ts';
import type { PciIds } from '../hwdata/pciIds.ts';
import type { Logger } from '../log.ts';

const IDS_FILE = 'collector.pcidevice.idsfile';
const NAMES = 'collector.pcidevice.names';
const LOCATION = ['segment', 'bus', 'device', 'function'];
/** Where node_exporter looks for pci.ids without --collector.pcidevice.idsfile (on the host, not under --path.rootfs). */
const PCI_IDS_PATHS = ['/usr/share/misc/pci.ids', '/usr/share/hwdata/pci.ids'];

/** The pci.ids database as node_exporter loads it: the flag's file, else the first default that opens; empty when none does. */
function loadPciIds(file: string | undefined, log: Logger): PciIds {
  for (const path of file !== undefined && file !== '' ? [file] : PCI_IDS_PATHS) {
    let text: string;
    try {
      text = readHostFileSync(path).toString('utf8');
    } catch (err) {
      log.debug('Failed to open PCI IDs file', { file: path, err: (err as Error).message });
      continue;
    }
    return parsePciIds(text);
  }
  return EMPTY_PCI_IDS;
}

const GAUGES: ReadonlyArray<readonly [string, string, (d: PciDevice) => number]> = [
  ['max_link_transfers_per_second', "Value of maximum link's transfers per second (T/s)", (d) => (d.maxLinkSpeed === undefined ? -1 : d.maxLinkSpeed * 1e9)],
  ['max_link_width', "Value of maximum link's width (number of lanes)", (d) => d.maxLinkWidth ?? -1],
  ['current_link_transfers_per_second', "Value of current link's transfers per second (T/s)", (d) => (d.currentLinkSpeed === undefined ? -1 : d.currentLinkSpeed * 1e9)],
  ['current_link_width', "Value of current link's width (number of lanes)", (d) => d.currentLinkWidth ?? -1],
  ['d3cold_allowed', 'Whether the PCIe device supports D3cold power state (0/1).', (d) => (d.d3coldAllowed === true ? 1 : 0)],
  ['sriov_drivers_autoprobe', 'Whether SR-IOV drivers autoprobe is enabled for the device (0/1).', (d) => (d.sriovDriversAutoprobe === true ? 1 : 0)],
  ['sriov_numvfs', 'Number of Virtual Functions (VFs) currently enabled for SR-IOV.', (d) => d.sriovNumvfs ?? 0],
  ['sriov_totalvfs', 'Total number of Virtual Functions (VFs) supported by the device.', (d) => d.sriovTotalvfs ?? 0],
  ['sriov_vf_total_msix', 'Total number of MSI-X vectors for Virtual Functions.', (d) => d.sriovVfTotalMsix ?? 0],
];

export const pcidevice: CollectorDefinition = {
  name: 'pcidevice',
  defaultEnabled: false,
  help: 'Exposes PCI devices information and statistics from /sys/bus/pci/devices.',
  flags: [
    { name: IDS_FILE, type: 'string', help: 'Path to pci.ids file to use for PCI device identification.' },
    { name: NAMES, type: 'boolean', default: false, help: 'Enable PCI device name resolution (requires pci.ids file).' },
  ],
  create(env) {
    // Loaded once, when the collector is made, as node_exporter does.
    const db = env.flags.boolean(NAMES) ? loadPciIds(env.flags.string(IDS_FILE), env.log) : undefined;
    return {
      async update(ctx) {
        let devices: PciDevice[];
        try {
          devices = await Promise.all(
            pciDeviceNames(ctx.kernel).map(async (n) => {
              const t = await readPciDevice(ctx.kernel, n, ctx.deadline);
              return parsePciDevice(t.linkTarget, t.ids, t.attrs);
            }),
          );
        } catch (err) {
          if (classifyReadError(err) === 'missing') throw new NoDataError(`PCI device not found: ${(err as Error).message}`);
          throw err;
        }
        const infoLabels = [
          ...LOCATION,
          'parent_segment',
          'parent_bus',
          'parent_device',
          'parent_function',
          'class_id',
          'vendor_id',
          'device_id',
          'subsystem_vendor_id',
          'subsystem_device_id',
          'revision',
          ...(db === undefined ? [] : ['vendor_name', 'device_name', 'subsystem_vendor_name', 'subsystem_device_name', 'class_name']),
        ];
        for (const d of devices) {
          const loc = pciLocationStrings(d.location);
          const parent = d.parent === undefined ? ['*', '*', '*', '*'] : pciLocationStrings(d.parent);
          const { ids } = d;
          const idLabels = {
            classId: pciIdLabel(ids.class, 6),
            vendorId: pciIdLabel(ids.vendor, 4),
            deviceId: pciIdLabel(ids.device, 4),
            subsystemVendorId: pciIdLabel(ids.subsystem_vendor, 4),
            subsystemDeviceId: pciIdLabel(ids.subsystem_device, 4),
          };
          const n = db === undefined ? undefined : pciNames(db, idLabels);
          const names = n === undefined ? [] : [n.vendor, n.device, n.subsystemVendor, n.subsystemDevice, n.className];
          ctx
            .gauge('node_pcidevice_info', 'Non-numeric data from /sys/bus/pci/devices/<location>, value is always 1.', infoLabels)
            .set(
              1,
              ...loc,
              ...parent,
              idLabels.classId,
              idLabels.vendorId,
              idLabels.deviceId,
              idLabels.subsystemVendorId,
              idLabels.subsystemDeviceId,
              pciIdLabel(ids.revision, 2),
              ...names,
            );
          for (const [metric, help, value] of GAUGES) ctx.gauge(`node_pcidevice_${metric}`, help, LOCATION).set(value(d), ...loc);
          if (d.powerState !== undefined) {
            const family = ctx.gauge('node_pcidevice_power_state', 'PCIe device power state, one of: D0, D1, D2, D3hot, D3cold, unknown or error.', [...LOCATION, 'state']);
            for (const s of PCI_POWER_STATES) family.set(s === d.powerState ? 1 : 0, ...loc, s);
          }
          if (d.numaNode !== undefined && d.numaNode !== -1) {
            ctx.gauge('node_pcidevice_numa_node', 'NUMA node number for the PCI device. -1 indicates unknown or not available.', LOCATION).set(d.numaNode, ...loc);
          }
        }
      },
    };
  },
};
