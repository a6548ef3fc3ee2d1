import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { success } from './procTree.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.pcidevice'];
const ROUTER = [...machineFlags('router'), ...ONLY];

/** A small pci.ids in the database's own layout. */
const PCI_IDS = [
  '# pci.ids excerpt',
  '15b7  Sandisk Corp',
  '\t501a  WD Blue SN570 NVMe SSD 1TB',
  '\t\t15b7 501a  WD Blue SN570 1TB',
  '8086  Intel Corporation',
  '\t125c  Ethernet Controller I226-V',
  '\t54be  Alder Lake-N PCI Express Root Port',
  'C 01  Mass storage controller',
  '\t08  Non-Volatile memory controller',
  '\t\t02  NVM Express',
  'C 02  Network controller',
  '\t00  Ethernet controller',
  'C 06  Bridge',
  '',
].join('\n');

describe('pcidevice collector', () => {
  it('is off by default, as in node_exporter', async () => {
    const text = await fixtureScraper(machineFlags('router')).scrape();
    expect(text).not.toMatch(/collector="pcidevice"/);
  });

  it('matches the golden exposition on the router fixture (host bridge, iGPU, two root ports, NVMe, i226-V)', async () => {
    const text = await fixtureScraper(ROUTER).scrape();
    expectGolden('router/pcidevice.prom', stable(text));
    expect(success(text, 'pcidevice')).toBe(1);
    // A device without PCIe link attributes (the host bridge) has -1 there.
    expect(samples(text, 'node_pcidevice_max_link_width').filter((l) => l.includes('bus="00",device="00"'))).toEqual([
      'node_pcidevice_max_link_width{segment="0000",bus="00",device="00",function="0"} -1',
    ]);
  });

  it('adds names from pci.ids with --collector.pcidevice.names, falling back to the bare IDs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lte-pciids-'));
    writeFileSync(join(dir, 'pci.ids'), PCI_IDS);
    const text = await fixtureScraper([...ROUTER, '--collector.pcidevice.names', `--collector.pcidevice.idsfile=${join(dir, 'pci.ids')}`]).scrape();
    const info = samples(text, 'node_pcidevice_info');
    expect(info.find((l) => l.includes('bus="01"'))).toContain(
      'vendor_name="Sandisk Corp",device_name="WD Blue SN570 NVMe SSD 1TB",subsystem_vendor_name="Sandisk Corp",subsystem_device_name="WD Blue SN570 1TB",class_name="NVM Express"',
    );
    expect(info.find((l) => l.includes('bus="02"'))).toContain(
      'vendor_name="Intel Corporation",device_name="Ethernet Controller I226-V",subsystem_vendor_name="Intel Corporation",subsystem_device_name="0000",class_name="Ethernet controller"',
    );
    expect(info.find((l) => l.includes('device="02",function="0"'))).toContain('device_name="46d1",subsystem_vendor_name="Intel Corporation",subsystem_device_name="7270",class_name="Unknown class (030000)"');
    // Without a readable file the labels are still there, holding the IDs.
    const none = await fixtureScraper([...ROUTER, '--collector.pcidevice.names', `--collector.pcidevice.idsfile=${join(dir, 'missing')}`]).scrape();
    expect(samples(none, 'node_pcidevice_info').find((l) => l.includes('bus="01"'))).toContain('vendor_name="15b7",device_name="501a",subsystem_vendor_name="15b7",subsystem_device_name="501a",class_name="Unknown class (010802)"');
  });

  it('reports no data (success 0, debug only) without /sys/bus/pci', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY], log).scrape();
    expect(text).not.toMatch(/^node_pcidevice_/m);
    expect(success(text, 'pcidevice')).toBe(0);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it('fails (success 0) on an ID or a link speed that does not parse, as procfs fails the class', async () => {
    const dev = 'devices/pci0000:00/0000:00:1c.0';
    const base = {
      'bus/pci/devices/0000:00:1c.0': { link: `../../../${dev}` },
      [`${dev}/class`]: '0x060400',
      [`${dev}/vendor`]: '0x8086',
      [`${dev}/device`]: '0x54be',
      [`${dev}/subsystem_vendor`]: '0x8086',
      [`${dev}/subsystem_device`]: '0x7270',
      [`${dev}/revision`]: '0x00',
    };
    const good = await fixtureScraper(sysTreeFlags(sysTree({ ...base, [`${dev}/current_link_speed`]: 'Unknown', [`${dev}/power_state`]: 'D3cold' }), ['pcidevice'])).scrape();
    expect(samples(good, 'node_pcidevice_current_link_transfers_per_second')).toEqual(['node_pcidevice_current_link_transfers_per_second{segment="0000",bus="00",device="1c",function="0"} -1']);
    expect(samples(good, 'node_pcidevice_power_state').filter((l) => l.endsWith(' 1'))).toEqual(['node_pcidevice_power_state{segment="0000",bus="00",device="1c",function="0",state="D3cold"} 1']);
    const bads: Record<string, string>[] = [{ [`${dev}/vendor`]: 'Intel' }, { [`${dev}/max_link_speed`]: '8.0 GT/s' }, { [`${dev}/sriov_numvfs`]: '-1' }];
    for (const bad of bads) {
      const text = await fixtureScraper(sysTreeFlags(sysTree({ ...base, ...bad }), ['pcidevice'])).scrape();
      expect(text).not.toMatch(/^node_pcidevice_/m);
      expect(success(text, 'pcidevice')).toBe(0);
    }
  });
});
