import { describe, expect, it } from 'vitest';
import { CONTROLLER_STATE_LABELS, isSubsystemController, isSubsystemNamespace, normalizeControllerState, nvmeCountOrZero, nvmeNamespaceId } from '../../src/sysfs/nvme.ts';

describe('nvme sysfs names and numbers', () => {
  it.each([
    ['nvme0n1', '1'],
    ['nvme12n34', '34'],
    ['xnvme3n7y', '7'],
    ['nvme0c0n1', undefined],
    ['nvme0', undefined],
    ['power', undefined],
  ])('namespace id of %j', (entry, want) => {
    expect(nvmeNamespaceId(entry)).toBe(want);
  });
  it.each([
    ['1953525168', 1953525168],
    ['0', 0],
    ['', 0],
    ['-5', 0],
    ['12 ', 0],
    ['18446744073709551616', 0],
  ])('count %j', (text, want) => {
    expect(nvmeCountOrZero(text)).toBe(want);
  });
  it('tells subsystem controllers from namespaces, anchored', () => {
    expect(['nvme0', 'nvme0n1', 'nvme0c0n1', 'xnvme0'].map((e) => [isSubsystemController(e), isSubsystemNamespace(e)])).toEqual([
      [true, false],
      [false, true],
      [false, false],
      [false, false],
    ]);
  });
  it('normalises controller states as node_exporter', () => {
    expect(CONTROLLER_STATE_LABELS).toEqual(['connecting', 'dead', 'deleting', 'live', 'new', 'resetting', 'unknown']);
    expect(['live', 'deleting (no IO)', 'constructor', ''].map(normalizeControllerState)).toEqual(['live', 'deleting', 'unknown', 'unknown']);
  });
});
