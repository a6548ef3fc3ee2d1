// Table tests for the pure parsers of the device-class collectors: watchdog, dmi, powercap (rapl),
// edac, scsi_tape, fc_host, infiniband, pci devices and pci.ids, drm.
import { describe, expect, it } from 'vitest';
import { parsePciIds, pciNames } from '../../src/hwdata/pciIds.ts';
import { sanitizeMetricName } from '../../src/sanitizeMetricName.ts';
import { dmiInfoLabels } from '../../src/sysfs/dmi.ts';
import { isAmdgpuUevent, isDrmCard, parseAmdgpuCard } from '../../src/sysfs/drm.ts';
import { edacChannelNumber, edacControllerNumber, edacCsrowNumber, edacDimmLabel, parseEdacCount } from '../../src/sysfs/edac.ts';
import { parseFcHost } from '../../src/sysfs/fibreChannel.ts';
import { goUint32Port, parseIbCounters, parseIbRate, parseIbState } from '../../src/sysfs/infiniband.ts';
import { parsePciDevice, parsePciLocation, pciIdLabel, pciLocationStrings, pciLocationsFromLink } from '../../src/sysfs/pciDevice.ts';
import { parseMicrojoules, raplZoneNames } from '../../src/sysfs/powercap.ts';
import { isTapeDevice, parseTapeStats } from '../../src/sysfs/scsiTape.ts';
import { parseWatchdog } from '../../src/sysfs/watchdog.ts';

describe('parseWatchdog', () => {
  it('takes numbers as ParseInt(s, 0, 64) and texts as they are', () => {
    expect(parseWatchdog('watchdog0', { timeout: '0x1e', bootstatus: '0', nowayout: '010', identity: 'iTCO_wdt', options: '0x8180' })).toEqual({
      name: 'watchdog0',
      numbers: { timeout: 30, bootstatus: 0, nowayout: 8 },
      texts: { identity: 'iTCO_wdt', options: '0x8180' },
    });
  });
  it.each(['', '30s', '1.5', '9223372036854775808', ' 1'])('throws on timeout %j', (t) => {
    expect(() => parseWatchdog('watchdog0', { timeout: t })).toThrow(/watchdog0: timeout: invalid number/);
  });
});

describe('dmiInfoLabels', () => {
  it('maps sys_vendor to system_vendor, leaves out chassis_type and unknown files', () => {
    expect(
      dmiInfoLabels(
        new Map([
          ['sys_vendor', 'PC Engines'],
          ['product_name', 'apu2'],
          ['chassis_type', '3'],
          ['bogus', 'x'],
          ['board_serial', ''],
        ]),
      ),
    ).toEqual({ board_serial: '', product_name: 'apu2', system_vendor: 'PC Engines' });
  });
});

describe('powercap', () => {
  it('names zones as procfs: a numeric suffix is the index, else the count of earlier uses', () => {
    expect(raplZoneNames(['package-0', 'core', 'uncore', 'package-1', 'dram', 'dram', 'psys', 'a-b-1', 'x-y'])).toEqual([
      { name: 'package', index: 0 },
      { name: 'core', index: 0 },
      { name: 'uncore', index: 0 },
      { name: 'package', index: 1 },
      { name: 'dram', index: 0 },
      { name: 'dram', index: 1 },
      { name: 'psys', index: 0 },
      { name: 'a-b-1', index: 0 },
      { name: 'x-y', index: 0 },
    ]);
  });
  it.each([
    ['240422366267\n', 240422366267],
    ['18446744073709551615', 18446744073709551615],
  ])('parseMicrojoules(%j)', (t, want) => expect(parseMicrojoules(t)).toBe(want));
  it.each(['', '-1', '0x10', '1.5', '18446744073709551616'])('parseMicrojoules rejects %j', (t) => expect(() => parseMicrojoules(t)).toThrow(/invalid microjoule/));
  it.each([
    ['package-0', 'package_0'],
    ['pkg.x__-y', 'pkg_x_y'],
    ['a b', 'a_b'],
    ['ok_name', 'ok_name'],
  ])('sanitizeMetricName(%j)', (n, want) => expect(sanitizeMetricName(n)).toBe(want));
});

describe('edac', () => {
  it.each([
    ['mc0', '0'],
    ['mc12', '12'],
    ['mc1x', '1'],
    ['mc', undefined],
    ['mcx', undefined],
    ['power', undefined],
  ])('edacControllerNumber(%s)', (e, want) => expect(edacControllerNumber(e)).toBe(want));
  it.each([
    ['csrow0', '0'],
    ['csrow10', '10'],
    ['csrowx', undefined],
  ])('edacCsrowNumber(%s)', (e, want) => expect(edacCsrowNumber(e)).toBe(want));
  it.each([
    ['ch0_ce_count', '0'],
    ['ch12_ce_count', '12'],
    ['chx_ce_count', undefined],
    ['ch0_ue_count', undefined],
  ])('edacChannelNumber(%s)', (f, want) => expect(edacChannelNumber(f)).toBe(want));
  it.each([
    [undefined, 'unknown'],
    ['mc#0csrow#1channel#0\n', 'mc0_csrow1_channel0'],
    ['CPU_SrcID#0_MC#0_Chan#0_DIMM#0', 'CPU_SrcID0_MC0_Chan0_DIMM0'],
  ])('edacDimmLabel(%j)', (t, want) => expect(edacDimmLabel(t)).toBe(want));
  it('parseEdacCount is ParseUint(s, 10, 64) of the trimmed text', () => {
    expect(parseEdacCount('5\n')).toBe(5);
    for (const t of ['', '-1', '0x1', 'N/A']) expect(() => parseEdacCount(t)).toThrow(/invalid count/);
  });
});

describe('scsi_tape', () => {
  it.each([
    ['st0', true],
    ['st12', true],
    ['nst0', false],
    ['st0a', false],
    ['st', false],
  ])('isTapeDevice(%s)', (n, want) => expect(isTapeDevice(n)).toBe(want));
  it('defaults missing counters to 0, ignores unknown files, throws on a bad number', () => {
    const s = parseTapeStats(new Map([['read_cnt', '0x10'], ['bogus', 'x']]));
    expect(s.read_cnt).toBe(16);
    expect(s.write_ns).toBe(0);
    expect(() => parseTapeStats(new Map([['io_ns', '-5']]))).toThrow(/io_ns/);
  });
});

describe('parseFcHost', () => {
  it('strips 0x of port_id/port_name/fabric_name only when longer than 2', () => {
    const h = parseFcHost('host0', { port_state: 'Online', port_id: '0x', port_name: '0x21000024ff7a8b9c', fabric_name: '0x0', speed: '32 Gbit' }, new Map());
    expect(h.info).toMatchObject({ port_id: '0x', port_name: '21000024ff7a8b9c', fabric_name: '0', speed: '32 Gbit', symbolic_name: '' });
    expect(h.counters.size).toBe(0);
  });
  it('drops unimplemented counters and throws on a bad one', () => {
    const h = parseFcHost('host0', { port_state: 'Linkdown' }, new Map([['rx_frames', '0xffffffffffffffff'], ['tx_frames', '0x5'], ['lip_count', 'x']]));
    expect([...h.counters]).toEqual([['tx_frames', 5]]);
    expect(() => parseFcHost('host0', { port_state: 'Online' }, new Map([['nos_count', '']]))).toThrow(/nos_count/);
  });
});

describe('infiniband', () => {
  it.each([
    ['4: ACTIVE', 4],
    [' 5 : LinkUp\n', 5],
  ])('parseIbState(%j)', (t, want) => expect(parseIbState(t)).toBe(want));
  it.each(['ACTIVE', '4: ACTIVE: x', 'x: ACTIVE', '-1: DOWN', '4294967296: X'])('parseIbState rejects %j', (t) => expect(() => parseIbState(t)).toThrow(/state/));
  it.each([
    ['40 Gb/sec (4X QDR)', 5000000000],
    ['10 Gb/sec (4X)', 1250000000],
    ['2.5 Gb/sec (1X SDR)', 312500000],
    ['14.0625 Gb/sec (1X FDR)', 1757812500],
    ['0.1 Gb/sec', 12500000], // float32(0.1) * 125000000, truncated
  ])('parseIbRate(%j)', (t, want) => expect(parseIbRate(t)).toBe(want));
  it.each(['40Gb/sec', 'fast Gb/sec', ''])('parseIbRate rejects %j', (t) => expect(() => parseIbRate(t)).toThrow(/rate/));
  it('counts data words as octets (uint64 wrap), skips N/A (no PMA), lifespan in whole seconds', () => {
    const c = parseIbCounters(
      new Map([
        ['counters/port_rcv_data', '10'],
        ['counters_ext/port_xmit_data_64', '0x4000000000000001'],
        ['counters/symbol_error', 'N/A (no PMA)'],
        ['hw_counters/lifespan', '1999'],
        ['hw_counters/unknown_counter', 'x'],
      ]),
    );
    expect([...c.values]).toEqual([
      ['counters/port_rcv_data', 40],
      ['counters_ext/port_xmit_data_64', 4],
    ]);
    expect(c.lifespanSeconds).toBe(1);
    expect(() => parseIbCounters(new Map([['counters/link_downed', 'n/a']]))).toThrow(/link_downed/);
  });
  it('goUint32Port', () => {
    expect(goUint32Port('1')).toBe(1);
    expect(() => goUint32Port('p1')).toThrow(/port/);
  });
});

describe('pci devices', () => {
  it('parses and spells locations as node_exporter', () => {
    const l = parsePciLocation('0001:0a:1f.7');
    expect(l).toEqual({ segment: 1, bus: 10, device: 31, function: 7 });
    expect(pciLocationStrings(l)).toEqual(['0001', '0a', '1f', '7']);
    for (const bad of ['0000:00:1c', '0000:00:1c.0.1', 'pci0000:00', '0000:zz:00.0']) expect(() => parsePciLocation(bad)).toThrow(/invalid PCI location/);
  });
  it('takes the parent from the link unless it is the host bridge', () => {
    expect(pciLocationsFromLink('../../../devices/pci0000:00/0000:00:1c.0/0000:01:00.0').parent).toEqual({ segment: 0, bus: 0, device: 28, function: 0 });
    expect(pciLocationsFromLink('../../../devices/pci0000:00/0000:00:1c.0').parent).toBeUndefined();
    expect(() => pciLocationsFromLink('../../../devices/platform/soc/0000:01:00.0')).toThrow(/invalid PCI location "soc"/);
  });
  const ids = { class: '0x010802', vendor: '0x15b7', device: '0x501a', subsystem_vendor: '0x15b7', subsystem_device: '0x501a', revision: '0x01' };
  it('parses IDs, link speed/width, SR-IOV and power attributes', () => {
    const d = parsePciDevice('../../../devices/pci0000:00/0000:00:1c.0/0000:01:00.0', ids, {
      max_link_speed: '16.0 GT/s PCIe',
      current_link_speed: 'Unknown',
      max_link_width: '4',
      numa_node: '-1',
      sriov_drivers_autoprobe: '1',
      sriov_numvfs: '2',
      sriov_vf_device: '10ed',
      d3cold_allowed: '0',
      power_state: 'D0',
    });
    expect(d).toMatchObject({ maxLinkSpeed: 16, currentLinkSpeed: undefined, maxLinkWidth: 4, currentLinkWidth: undefined, numaNode: -1, sriovDriversAutoprobe: true, sriovNumvfs: 2, d3coldAllowed: false, powerState: 'D0' });
    expect(pciIdLabel(d.ids.class, 6)).toBe('0x010802');
    expect(pciIdLabel(d.ids.revision, 2)).toBe('0x01');
  });
  it.each([
    [{ max_link_speed: '8 GT/s' }, /max_link_speed/],
    [{ max_link_speed: 'fast GT/s PCIe' }, /max_link_speed/],
    [{ current_link_width: 'x4' }, /current_link_width/],
    [{ numa_node: '0x1' }, /numa_node/],
    [{ sriov_totalvfs: '-1' }, /sriov_totalvfs/],
    [{ sriov_vf_device: '0x10ed' }, /sriov_vf_device/],
    [{ sriov_offset: 'a' }, /sriov_offset/],
  ])('throws on %j', (attrs, want) => {
    expect(() => parsePciDevice('../../../devices/pci0000:00/0000:00:1c.0', ids, attrs)).toThrow(want);
  });
  it('throws on an ID that is not an int32', () => {
    expect(() => parsePciDevice('../../../devices/pci0000:00/0000:00:1c.0', { ...ids, class: '0xffffffff' }, {})).toThrow(/class/);
  });
});

describe('pci.ids', () => {
  const db = parsePciIds(
    [
      '# comment',
      '1af4  Red Hat, Inc.',
      '\t1041  Virtio 1.0 network device',
      '\t\t1af4 1100  QEMU',
      'broken line without double space',
      'C 02  Network controller',
      '\t00  Ethernet controller',
      '\t80  Network controller',
      'C 0c  Serial bus controller',
      '\t03  USB controller',
      '\t\t30  XHCI',
    ].join('\r\n'),
  );
  it('resolves vendors, devices, subsystems and classes (prog-if, then subclass, then class)', () => {
    expect(pciNames(db, { classId: '0x0c0330', vendorId: '0x1af4', deviceId: '0x1041', subsystemVendorId: '0x1af4', subsystemDeviceId: '0x1100' })).toEqual({
      vendor: 'Red Hat, Inc.',
      device: 'Virtio 1.0 network device',
      subsystemVendor: 'Red Hat, Inc.',
      subsystemDevice: 'QEMU',
      className: 'XHCI',
    });
    expect(pciNames(db, { classId: '0x020001', vendorId: '0x8086', deviceId: '0x10D3', subsystemVendorId: '0x8086', subsystemDeviceId: '0xA01F' })).toEqual({
      vendor: '8086',
      device: '10d3',
      subsystemVendor: '8086',
      subsystemDevice: 'a01f',
      className: 'Ethernet controller',
    });
    expect(pciNames(db, { classId: '0x120000', vendorId: '0x1af4', deviceId: '0x1041', subsystemVendorId: '0x0000', subsystemDeviceId: '0x0000' }).className).toBe('Unknown class (120000)');
  });
});

describe('drm', () => {
  it.each([
    ['card0', true],
    ['card9', true],
    ['card10', false],
    ['card0-DP-1', false],
    ['renderD128', false],
  ])('isDrmCard(%s)', (e, want) => expect(isDrmCard(e)).toBe(want));
  it('recognises amdgpu from the uevent', () => {
    expect(isAmdgpuUevent('DRIVER=amdgpu\nPCI_CLASS=30000')).toBe(true);
    expect(isAmdgpuUevent('DRIVER=i915')).toBe(false);
  });
  it('defaults what is missing, throws on a bad number', () => {
    const c = parseAmdgpuCard({ gpu_busy_percent: '0x10', unique_id: 'abc' });
    expect(c.numbers.gpu_busy_percent).toBe(16);
    expect(c.numbers.mem_info_vram_total).toBe(0);
    expect(c.texts).toEqual({ mem_info_vram_vendor: '', power_dpm_force_performance_level: '', unique_id: 'abc' });
    expect(() => parseAmdgpuCard({ mem_info_gtt_used: '1 MB' })).toThrow(/mem_info_gtt_used/);
  });
});
