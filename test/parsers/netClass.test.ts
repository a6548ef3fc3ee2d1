import { describe, expect, it } from 'vitest';
import { adminState, parseNetClassIface, speedBytes } from '../../src/sysfs/netClass.ts';

describe('parseNetClassIface', () => {
  it('parses integers the Go way and keeps strings as they are', () => {
    const iface = parseNetClassIface(
      'eth0',
      new Map([
        ['flags', '0x1003'],
        ['dev_id', '0x0'],
        ['mtu', '1500'],
        ['speed', '-1'],
        ['type', '1'],
        ['address', 'ec:6c:9a:1e:02:10'],
        ['broadcast', 'ff:ff:ff:ff:ff:ff'],
        ['duplex', 'full'],
        ['operstate', 'up'],
        ['ifalias', 'uplink "A"'],
      ]),
    );
    expect(iface.name).toBe('eth0');
    expect(Object.fromEntries(iface.ints)).toEqual({ flags: 4099, dev_id: 0, mtu: 1500, speed: -1, type: 1 });
    expect(iface).toMatchObject({ address: 'ec:6c:9a:1e:02:10', broadcast: 'ff:ff:ff:ff:ff:ff', duplex: 'full', operstate: 'up', ifalias: 'uplink "A"' });
  });

  it('leaves out an integer attribute that is not a number, and ignores unknown files', () => {
    const iface = parseNetClassIface(
      'wg0',
      new Map([
        ['mtu', 'garbage'],
        ['carrier', ''],
        ['tx_queue_len', '1000'],
        ['gro_flush_timeout', '0'],
        ['phys_port_id', 'x'],
      ]),
    );
    expect(Object.fromEntries(iface.ints)).toEqual({ tx_queue_len: 1000 });
  });

  it('reads missing strings as ""', () => {
    expect(parseNetClassIface('lo', new Map())).toEqual({ name: 'lo', ints: new Map(), address: '', broadcast: '', duplex: '', ifalias: '', operstate: '' });
  });
});

describe('adminState', () => {
  it.each([
    [0x1003, 'up'],
    [0x9, 'up'],
    [0x1002, 'down'],
    [0, 'down'],
    [undefined, 'unknown'],
  ] as const)('flags %s -> %s', (flags, state) => {
    expect(adminState(flags)).toBe(state);
  });
});

describe('speedBytes', () => {
  it.each([
    [1000, 125000000],
    [2500, 312500000],
    [10, 1250000],
    [-1, -125000],
    [0, 0],
  ])('%d Mbit/s -> %d bytes/s', (mbps, bytes) => {
    expect(speedBytes(mbps)).toBe(bytes);
  });
});
