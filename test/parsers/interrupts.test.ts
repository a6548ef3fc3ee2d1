import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInterrupts } from '../../src/procfs/interrupts.ts';
import { CONFORMANCE, FIXTURES } from '../helpers/scrape.ts';

describe('parseInterrupts', () => {
  it('parses the router fixture (aarch64, GICv3, a count touching its IPI name)', () => {
    const irqs = parseInterrupts(readFileSync(join(FIXTURES, 'router/proc/interrupts'), 'utf8'));
    expect(irqs).toHaveLength(24);
    expect(irqs[0]).toEqual({ name: '11', info: 'GICv3', devices: '30 Level arch_timer', values: [2134567890, 1987654321, 1954321098, 1921098765] });
    expect(irqs.find((i) => i.name === '20')?.devices).toBe('172 Level 11005000.i2c, 11008000.i2c');
    expect(irqs.find((i) => i.name === 'IPI1')).toEqual({ name: 'IPI1', info: 'Function call interrupts', devices: '', values: [2768808080, 1234567, 1345678, 1456789] });
    // "Err:          0" has a single count for four CPUs: skipped, as node_exporter skips ERR and MIS.
    expect(irqs.find((i) => i.name === 'Err')).toBeUndefined();
  });
  it.skipIf(!existsSync(join(CONFORMANCE, 'proc/interrupts_aarch64')))("parses node_exporter's aarch64 fixture (8 CPUs, ITS-MSI)", () => {
    const irqs = parseInterrupts(readFileSync(join(CONFORMANCE, 'proc/interrupts_aarch64'), 'utf8'));
    expect(irqs).toHaveLength(58);
    expect(irqs.find((i) => i.name === 'IPI0')?.values[0]).toBe(2768808080);
    expect(irqs.find((i) => i.name === '58')).toEqual({ name: '58', info: 'ITS-MSI', devices: '81921 Edge eth0-Tx-Rx-0', values: [0, 0, 1195697946, 437, 0, 0, 0, 0] });
    expect(irqs.find((i) => i.name === '50')?.info).toBe('ARMH0061:00');
  });
  it.skipIf(!existsSync(join(CONFORMANCE, 'proc/interrupts')))("parses node_exporter's x86 fixture", () => {
    const irqs = parseInterrupts(readFileSync(join(CONFORMANCE, 'proc/interrupts'), 'utf8'));
    expect(irqs).toHaveLength(28);
    expect(irqs.find((i) => i.name === '16')?.devices).toBe('ehci_hcd:usb1, mmc0');
    expect(irqs.find((i) => i.name === 'LOC')?.info).toBe('Local timer interrupts');
  });
  it('numbers CPU columns by position when a CPU is offline', () => {
    const text = '           CPU0       CPU2\n  5:         1          2   GICv2  30 Level     arch_timer\n';
    expect(parseInterrupts(text)).toEqual([{ name: '5', info: 'GICv2', devices: '30 Level arch_timer', values: [1, 2] }]);
  });
  it('keeps a numbered interrupt with no action (devices empty) and a named one without counts skipped', () => {
    const text = '           CPU0\n  7:          3   GICv2  55 Level\nFIQ:              usb_fiq\nMIS:          0\n';
    expect(parseInterrupts(text)).toEqual([{ name: '7', info: 'GICv2', devices: '55 Level', values: [3] }]);
  });
  it('skips a line whose counts are not numbers, and a later line replaces an earlier one of the same name', () => {
    const text = '  CPU0 CPU1\n  1:  x  2  GICv2 1 Level a\n  2:  1  2  GICv2 2 Level b\n  2:  3  4  GICv2 2 Level c\n';
    expect(parseInterrupts(text)).toEqual([{ name: '2', info: 'GICv2', devices: '2 Level c', values: [3, 4] }]);
  });
  it.each([
    ['empty', ''],
    ['no header', '  1:  1  2  GICv2 1 Level a\n'],
    ['garbage', 'hello world\n'],
  ])('rejects %s input', (_name, text) => {
    expect(() => parseInterrupts(text)).toThrow(/unexpected interrupts header/);
  });
});
