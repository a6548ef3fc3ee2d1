import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCpuinfoFormat, parseCpuinfo } from '../../src/procfs/cpuinfo.ts';
import type { CpuInfo } from '../../src/procfs/cpuinfo.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const cpu = (processor: number, fields: Partial<CpuInfo> = {}): CpuInfo => ({
  processor,
  vendorId: '',
  cpuFamily: '',
  model: '',
  modelName: '',
  stepping: '',
  microcode: '',
  cpuMHz: undefined,
  cacheSize: '',
  physicalId: '',
  coreId: '',
  flags: [],
  bugs: [],
  ...fields,
});

const X86 = `processor\t: 0
vendor_id\t: AuthenticAMD
cpu family\t: 23
model\t\t: 24
model name\t: AMD Ryzen Embedded R1505G with Radeon Vega Gfx  
stepping\t: 1
microcode\t: 0x8108109
cpu MHz\t\t: 1397.253
cache size\t: 512 KB
physical id\t: 0
siblings\t: 4
core id\t\t: 0
cpu cores\t: 2
flags\t\t: fpu vme de pse aes avx2
bugs\t\t: sysret_ss_attrs null_seg spectre_v1 spectre_v2
bogomips\t: 4791.43
power management: ts ttp tm hwpstate

processor\t: 1
vendor_id\t: AuthenticAMD
cpu family\t: 23
model\t\t: 24
model name\t: AMD Ryzen Embedded R1505G with Radeon Vega Gfx  
stepping\t: 1
microcode\t: 0x8108109
cpu MHz\t\t: 2400.000
cache size\t: 512 KB
physical id\t: 0
core id\t\t: 1
flags\t\t: fpu vme de pse aes avx2
bugs\t\t:

`;

// OpenWrt on a Linksys EA8500 (IPQ8064), kernel 3.x: one "Processor" line for all CPUs, Features after the blocks.
const ARM32_OLD = `Processor\t: ARMv7 Processor rev 0 (v7l)
processor\t: 0
BogoMIPS\t: 13.53

processor\t: 1
BogoMIPS\t: 13.53

Features\t: swp half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt
CPU implementer\t: 0x51
CPU architecture: 7
CPU variant\t: 0x2
CPU part\t: 0x04d
CPU revision\t: 0

Hardware\t: Qualcomm (Flattened Device Tree)
Revision\t: 0000
Serial\t\t: 0000000000000000
`;

// OpenWrt on a GL.iNet B1300 (IPQ4018), kernel 5.x: "model name" per CPU.
const ARM32 = `processor\t: 0
model name\t: ARMv7 Processor rev 5 (v7l)
BogoMIPS\t: 96.00
Features\t: half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt vfpd32 lpae evtstrm 
CPU implementer\t: 0x41
CPU architecture: 7
CPU variant\t: 0x0
CPU part\t: 0xc07
CPU revision\t: 5

processor\t: 1
model name\t: ARMv7 Processor rev 5 (v7l)
BogoMIPS\t: 96.00
Features\t: half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt vfpd32 lpae evtstrm 
CPU implementer\t: 0x41
CPU architecture: 7
CPU variant\t: 0x0
CPU part\t: 0xc07
CPU revision\t: 5

Hardware\t: Generic DT based system
Revision\t: 0000
Serial\t\t: 0000000000000000
`;

// A Raspberry Pi 1 on an old kernel: no "processor" line at all.
const ARM32_UP = `Processor\t: ARMv6-compatible processor rev 7 (v6l)
BogoMIPS\t: 697.95
Features\t: swp half thumb fastmult vfp edsp java tls
CPU implementer\t: 0x41
CPU architecture: 7
CPU variant\t: 0x0
CPU part\t: 0xb76
CPU revision\t: 7

Hardware\t: BCM2708
Revision\t: 000e
`;

// OpenWrt on a Xiaomi Mi Router 4A Gigabit (MT7621A).
const MIPS = `system type\t\t: MediaTek MT7621 ver:1 eco:3
machine\t\t\t: Xiaomi Mi Router 4A Gigabit Edition
processor\t\t: 0
cpu model\t\t: MIPS 1004Kc V2.15
BogoMIPS\t\t: 586.13
wait instruction\t: yes
hardware watchpoint\t: yes, count: 4, address/irw mask: [0x0ffc, 0x0ffc, 0x0ffb, 0x0ffb]
isa\t\t\t: mips1 mips2 mips32r1 mips32r2
ASEs implemented\t: mips16 dsp mt
package\t\t\t: 0
core\t\t\t: 0
VPE\t\t\t: 0

processor\t\t: 1
cpu model\t\t: MIPS 1004Kc V2.15
BogoMIPS\t\t: 586.13
isa\t\t\t: mips1 mips2 mips32r1 mips32r2
package\t\t\t: 0
core\t\t\t: 0
VPE\t\t\t: 1

`;

const PPC = `processor\t: 0
cpu\t\t: POWER9 (raw), altivec supported
clock\t\t: 2166.000000MHz
revision\t: 2.2 (pvr 004e 1202)

timebase\t: 512000000
platform\t: PowerNV
model\t\t: 9006-22P
`;

const RISCV = `processor\t: 0
hart\t\t: 1
isa\t\t: rv64imafdc
mmu\t\t: sv39
uarch\t\t: sifive,u74-mc

processor\t: 1
hart\t\t: 2
isa\t\t: rv64imafdc
mmu\t\t: sv39
`;

const S390X = `vendor_id       : IBM/S390
# processors    : 2
bogomips per cpu: 3033.00
features\t: esan3 zarch stfle msa ldisp eimm dfp edat etf3eh highgprs te vx
processor 0: version = FF,  identification = 2733E8,  machine = 2964
processor 1: version = FF,  identification = 2733E8,  machine = 2964

cpu number      : 0
cpu MHz dynamic : 5000
cpu MHz static  : 5000
physical id     : 1
core id         : 2

cpu number      : 1
cpu MHz dynamic : 5000
cpu MHz static  : 5000
physical id     : 1
core id         : 3
`;

describe('parseCpuinfo', () => {
  it('parses x86, keeping label values exactly as written (trailing spaces included)', () => {
    const model = 'AMD Ryzen Embedded R1505G with Radeon Vega Gfx  ';
    const common = { vendorId: 'AuthenticAMD', cpuFamily: '23', model: '24', modelName: model, stepping: '1', microcode: '0x8108109', cacheSize: '512 KB', physicalId: '0' };
    expect(detectCpuinfoFormat(X86)).toBe('x86');
    expect(parseCpuinfo(X86)).toEqual([
      cpu(0, { ...common, cpuMHz: 1397.253, coreId: '0', flags: ['fpu', 'vme', 'de', 'pse', 'aes', 'avx2'], bugs: ['sysret_ss_attrs', 'null_seg', 'spectre_v1', 'spectre_v2'] }),
      cpu(1, { ...common, cpuMHz: 2400, coreId: '1', flags: ['fpu', 'vme', 'de', 'pse', 'aes', 'avx2'], bugs: [] }),
    ]);
  });

  it('parses the arm64 router fixture (no model name, vendor or frequency)', () => {
    const text = readFileSync(join(FIXTURES, 'router/proc/cpuinfo'), 'utf8');
    const flags = ['fp', 'asimd', 'evtstrm', 'aes', 'pmull', 'sha1', 'sha2', 'crc32', 'cpuid'];
    expect(detectCpuinfoFormat(text)).toBe('arm');
    expect(parseCpuinfo(text)).toEqual([0, 1, 2, 3].map((n) => cpu(n, { flags })));
  });

  it('parses old arm32 files with one Processor line and Features after the blocks', () => {
    const flags = ['swp', 'half', 'thumb', 'fastmult', 'vfp', 'edsp', 'neon', 'vfpv3', 'tls', 'vfpv4', 'idiva', 'idivt'];
    expect(parseCpuinfo(ARM32_OLD)).toEqual([0, 1].map((n) => cpu(n, { modelName: 'ARMv7 Processor rev 0 (v7l)', flags })));
  });

  it('parses arm32 files with a model name per CPU', () => {
    const flags = ['half', 'thumb', 'fastmult', 'vfp', 'edsp', 'neon', 'vfpv3', 'tls', 'vfpv4', 'idiva', 'idivt', 'vfpd32', 'lpae', 'evtstrm'];
    expect(parseCpuinfo(ARM32)).toEqual([0, 1].map((n) => cpu(n, { modelName: 'ARMv7 Processor rev 5 (v7l)', flags })));
  });

  it('parses a uniprocessor arm32 file without processor lines as CPU 0', () => {
    expect(parseCpuinfo(ARM32_UP)).toEqual([
      cpu(0, { modelName: 'ARMv6-compatible processor rev 7 (v6l)', flags: ['swp', 'half', 'thumb', 'fastmult', 'vfp', 'edsp', 'java', 'tls'] }),
    ]);
  });

  it('parses mips (system type as vendor, cpu model as model name)', () => {
    expect(detectCpuinfoFormat(MIPS)).toBe('mips');
    expect(parseCpuinfo(MIPS)).toEqual([0, 1].map((n) => cpu(n, { vendorId: 'MediaTek MT7621 ver:1 eco:3', modelName: 'MIPS 1004Kc V2.15' })));
  });

  it('parses ppc (cpu as vendor, clock as frequency)', () => {
    expect(detectCpuinfoFormat(PPC)).toBe('ppc');
    expect(parseCpuinfo(PPC)).toEqual([cpu(0, { vendorId: 'POWER9 (raw), altivec supported', cpuMHz: 2166 })]);
  });

  it('parses riscv (hart as core, isa as model name)', () => {
    expect(detectCpuinfoFormat(RISCV)).toBe('riscv');
    expect(parseCpuinfo(RISCV)).toEqual([cpu(0, { coreId: '1', modelName: 'rv64imafdc' }), cpu(1, { coreId: '2', modelName: 'rv64imafdc' })]);
  });

  it('parses s390x', () => {
    const flags = ['esan3', 'zarch', 'stfle', 'msa', 'ldisp', 'eimm', 'dfp', 'edat', 'etf3eh', 'highgprs', 'te', 'vx'];
    expect(detectCpuinfoFormat(S390X)).toBe('s390x');
    expect(parseCpuinfo(S390X)).toEqual([
      cpu(0, { vendorId: 'IBM/S390', flags, cpuMHz: 5000, physicalId: '1', coreId: '2' }),
      cpu(1, { vendorId: 'IBM/S390', flags, cpuMHz: 5000, physicalId: '1', coreId: '3' }),
    ]);
  });

  it('drops a block whose processor number is unreadable and ignores a garbled frequency', () => {
    const text = 'processor\t: 0\nvendor_id\t: GenuineIntel\ncpu MHz\t\t: fast\n\nprocessor\t: x\nvendor_id\t: Bogus\n\nprocessor\t: 2\nvendor_id\t: GenuineIntel\n';
    expect(parseCpuinfo(text)).toEqual([cpu(0, { vendorId: 'GenuineIntel' }), cpu(2, { vendorId: 'GenuineIntel' })]);
  });

  it('reads a file truncated in the middle of a block', () => {
    expect(parseCpuinfo('processor\t: 0\nvendor_id\t: GenuineIntel\n\nprocessor\t: 1\nvendor_i')).toEqual([cpu(0, { vendorId: 'GenuineIntel' }), cpu(1)]);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'hello world\nnothing: here\n'],
    ['a processor line without a number', 'processor\t: \n'],
  ])('rejects %s input', (_name, text) => {
    expect(() => parseCpuinfo(text)).toThrow(/unexpected \/proc\/cpuinfo content/);
  });
});
