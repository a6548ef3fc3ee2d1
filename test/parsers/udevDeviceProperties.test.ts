import { describe, expect, it } from 'vitest';
import { parseUdevDeviceProperties } from '../../src/udev/deviceProperties.ts';

describe('parseUdevDeviceProperties', () => {
  it('reads the E: properties and ignores the other records', () => {
    const text = [
      'S:disk/by-id/ata-TOSHIBA_KSDB4U866TE_2160A0D5FVGG',
      'W:702',
      'I:73815117',
      'E:ID_ATA=1',
      'E:ID_MODEL=SAMSUNG EHFTF55LURSY-000Y9',
      'E:ID_FS_VERSION=LVM2 001',
      'E:ID_FS_TYPE=',
      'E:DM_UUID=a=b',
      'G:systemd',
      '',
    ].join('\n');
    expect(Object.fromEntries(parseUdevDeviceProperties(text))).toEqual({
      ID_ATA: '1',
      ID_MODEL: 'SAMSUNG EHFTF55LURSY-000Y9',
      ID_FS_VERSION: 'LVM2 001',
      ID_FS_TYPE: '',
      DM_UUID: 'a=b',
    });
  });

  it.each([
    ['a property without =', 'E:ID_ATA\nE:ID_PATH=x', { ID_PATH: 'x' }],
    ['CRLF line ends', 'E:ID_PATH=x\r\nE:ID_WWN=y\r\n', { ID_PATH: 'x', ID_WWN: 'y' }],
    ['a repeated key (the last wins)', 'E:ID_PATH=x\nE:ID_PATH=y', { ID_PATH: 'y' }],
    ['lower-case or indented prefixes', 'e:ID_PATH=x\n E:ID_WWN=y', {}],
    ['garbage', '\x00\x01binary', {}],
    ['an empty file', '', {}],
  ])('handles %s', (_n, text, expected) => {
    expect(Object.fromEntries(parseUdevDeviceProperties(text))).toEqual(expected);
  });
});
