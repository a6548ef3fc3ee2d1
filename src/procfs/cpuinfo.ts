// /proc/cpuinfo: "key<TAB>: value" lines, one block per logical CPU. The keys differ by architecture:
//
//   x86      processor / vendor_id / cpu family / model / model name / stepping / microcode / cpu MHz /
//            cache size / physical id / core id / flags / bugs
//   arm64    processor / BogoMIPS / Features / CPU implementer / CPU architecture / CPU part ...
//            (no model name, no vendor, no MHz)
//   arm32    the same, older kernels start with "Processor : ARMv7 Processor rev 1 (v7l)" for all CPUs
//            and may put Features once after the blocks; newer ones have "model name" per CPU
//   mips     "system type : MediaTek MT7621 ver:1 eco:3" first, then processor / cpu model / BogoMIPS
//   ppc      processor / cpu / clock ("2166.000000MHz") / revision
//   riscv    processor / hart / isa / mmu
//   s390x    vendor_id / features / "processor 0: version = ..." lines, then "cpu number : 0" sections
//
// The format is recognised from the content (not from the architecture we run on), and fields are taken
// the way prometheus/procfs takes them for that architecture.

export interface CpuInfo {
  readonly processor: number;
  readonly vendorId: string;
  readonly cpuFamily: string;
  readonly model: string;
  readonly modelName: string;
  readonly stepping: string;
  readonly microcode: string;
  /** "cpu MHz" (x86), "clock" (ppc) or "cpu MHz dynamic" (s390x); undefined where the kernel gives none. */
  readonly cpuMHz: number | undefined;
  readonly cacheSize: string;
  readonly physicalId: string;
  readonly coreId: string;
  /** "flags" on x86, "Features" on arm, "features" on s390x. */
  readonly flags: readonly string[];
  readonly bugs: readonly string[];
}

export type CpuinfoFormat = 'x86' | 'arm' | 'mips' | 'ppc' | 'riscv' | 's390x';

type MutableCpuInfo = { -readonly [K in keyof CpuInfo]: CpuInfo[K] };

interface Entry {
  readonly key: string;
  readonly value: string;
  readonly line: string;
}

const UINT = /^\d+$/;
const FLOAT = /^\d+(?:\.\d+)?$/;
const CLOCK = /[\d.]+/;
const S390_PROCESSOR = /^processor\s+(\d+):/;

function emptyCpu(processor: number): MutableCpuInfo {
  return {
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
  };
}

/** Splits "model name\t: Intel(R) ..." at the first ": " (procfs does the same; values keep their spaces). */
function entries(text: string): Entry[] {
  const out: Entry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.includes(':')) continue;
    const sep = line.indexOf(': ');
    const key = (sep >= 0 ? line.slice(0, sep) : line.slice(0, line.indexOf(':'))).trim();
    const value = sep >= 0 ? line.slice(sep + 2) : '';
    out.push({ key, value, line });
  }
  return out;
}

function mhz(value: string): number | undefined {
  const v = value.trim();
  return FLOAT.test(v) ? Number(v) : undefined;
}

function words(value: string): string[] {
  return value.split(/\s+/).filter((w) => w !== '');
}

export function detectCpuinfoFormat(text: string): CpuinfoFormat {
  const es = entries(text);
  const first = es[0]?.key;
  const keys = new Set(es.map((e) => e.key));
  if (first === 'system type') return 'mips';
  if (first === 'vendor_id' && es.some((e) => S390_PROCESSOR.test(e.line))) return 's390x';
  if (first === 'Processor' || keys.has('CPU implementer') || keys.has('CPU architecture') || keys.has('CPU part')) return 'arm';
  if (keys.has('isa') || keys.has('hart')) return 'riscv';
  if (keys.has('cpu') && keys.has('clock')) return 'ppc';
  return 'x86';
}

/**
 * Walks the per-processor blocks: a "processor : N" entry starts a CPU, the entries after it belong to
 * it. A processor entry whose number is unreadable starts a block that is dropped. Entries before the
 * first processor are passed to `header`.
 */
function blocks(
  es: readonly Entry[],
  start: (n: number) => MutableCpuInfo,
  field: (cpu: MutableCpuInfo, e: Entry) => void,
  header: (e: Entry) => void = () => {},
): MutableCpuInfo[] {
  const cpus: MutableCpuInfo[] = [];
  let current: MutableCpuInfo | undefined;
  let seenProcessor = false;
  for (const e of es) {
    if (e.key === 'processor') {
      seenProcessor = true;
      const v = e.value.trim();
      current = UINT.test(v) ? start(Number(v)) : undefined;
      if (current) cpus.push(current);
      continue;
    }
    if (!seenProcessor) header(e);
    else if (current) field(current, e);
  }
  return cpus;
}

function parseX86(es: readonly Entry[]): MutableCpuInfo[] {
  return blocks(es, emptyCpu, (cpu, { key, value }) => {
    switch (key) {
      case 'vendor':
      case 'vendor_id':
        cpu.vendorId = value;
        break;
      case 'cpu family':
        cpu.cpuFamily = value;
        break;
      case 'model':
        cpu.model = value;
        break;
      case 'model name':
        cpu.modelName = value;
        break;
      case 'stepping':
        cpu.stepping = value;
        break;
      case 'microcode':
        cpu.microcode = value;
        break;
      case 'cpu MHz':
        cpu.cpuMHz = mhz(value);
        break;
      case 'cache size':
        cpu.cacheSize = value;
        break;
      case 'physical id':
        cpu.physicalId = value;
        break;
      case 'core id':
        cpu.coreId = value;
        break;
      case 'flags':
        cpu.flags = words(value);
        break;
      case 'bugs':
        cpu.bugs = words(value);
        break;
    }
  });
}

function parseArm(es: readonly Entry[]): MutableCpuInfo[] {
  // Old 32-bit kernels: "Processor : <model>" once for every CPU, before the blocks.
  let commonModel = '';
  let lastFeatures: string[] | undefined;
  const own = new Set<MutableCpuInfo>();
  for (const e of es) if (e.key === 'Features') lastFeatures = words(e.value);
  const cpus = blocks(
    es,
    (n) => ({ ...emptyCpu(n), modelName: commonModel }),
    (cpu, { key, value }) => {
      if (key === 'model name') cpu.modelName = value;
      else if (key === 'Features') {
        cpu.flags = words(value);
        own.add(cpu);
      }
    },
    ({ key, value }) => {
      if (key === 'Processor') commonModel = value;
    },
  );
  // A uniprocessor arm32 file has no "processor" line at all: "Processor", "BogoMIPS", "Features" ...
  if (cpus.length === 0 && es[0]?.key === 'Processor' && es.some((e) => e.key === 'BogoMIPS')) {
    cpus.push({ ...emptyCpu(0), modelName: commonModel });
  }
  // Features written once after the blocks (old arm32) apply to every CPU.
  for (const cpu of cpus) if (!own.has(cpu) && lastFeatures) cpu.flags = lastFeatures;
  return cpus;
}

function parseMips(es: readonly Entry[]): MutableCpuInfo[] {
  const systemType = es[0]?.value ?? '';
  return blocks(
    es,
    (n) => ({ ...emptyCpu(n), vendorId: systemType }),
    (cpu, { key, value }) => {
      if (key === 'cpu model') cpu.modelName = value;
    },
  );
}

function parsePpc(es: readonly Entry[]): MutableCpuInfo[] {
  return blocks(es, emptyCpu, (cpu, { key, value }) => {
    if (key === 'cpu') cpu.vendorId = value;
    else if (key === 'clock') {
      const m = CLOCK.exec(value.trim());
      cpu.cpuMHz = m ? mhz(m[0]) : undefined;
    }
  });
}

function parseRiscv(es: readonly Entry[]): MutableCpuInfo[] {
  return blocks(es, emptyCpu, (cpu, { key, value }) => {
    if (key === 'hart') cpu.coreId = value;
    else if (key === 'isa') cpu.modelName = value;
  });
}

function parseS390x(es: readonly Entry[]): MutableCpuInfo[] {
  const vendorId = es[0]?.value ?? '';
  let flags: string[] = [];
  const cpus: MutableCpuInfo[] = [];
  let section = -1;
  for (const e of es) {
    if (section < 0) {
      if (e.key === 'features') flags = words(e.value);
      const m = S390_PROCESSOR.exec(e.line);
      if (m) cpus.push({ ...emptyCpu(Number(m[1])), vendorId, flags });
    }
    if (e.key === 'cpu number') {
      section++;
      continue;
    }
    const cpu = cpus[section];
    if (!cpu) continue;
    if (e.key === 'cpu MHz dynamic') {
      const m = CLOCK.exec(e.value.trim());
      cpu.cpuMHz = m ? mhz(m[0]) : undefined;
    } else if (e.key === 'physical id') cpu.physicalId = e.value;
    else if (e.key === 'core id') cpu.coreId = e.value;
  }
  return cpus;
}

/** Parses /proc/cpuinfo of any of the formats above; throws if it describes no processor at all. */
export function parseCpuinfo(text: string): CpuInfo[] {
  const es = entries(text);
  const parsers: Record<CpuinfoFormat, (es: readonly Entry[]) => MutableCpuInfo[]> = {
    x86: parseX86,
    arm: parseArm,
    mips: parseMips,
    ppc: parsePpc,
    riscv: parseRiscv,
    s390x: parseS390x,
  };
  const cpus = parsers[detectCpuinfoFormat(text)](es);
  if (cpus.length === 0) throw new Error(`unexpected /proc/cpuinfo content: ${JSON.stringify(text.slice(0, 80))}`);
  return cpus;
}
