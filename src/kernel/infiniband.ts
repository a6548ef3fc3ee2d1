// /sys/class/infiniband/<device>/ for the infiniband collector. fw_ver, board_id, hca_type and a port's
// link_layer are kept by the RDMA core: synchronous. A port's state, phys_state and rate call the
// driver's query_port (a MAD to the HCA's firmware on mlx4/mlx5), and every PMA counter (counters/,
// counters_ext/, hw_counters/) is a firmware query the driver waits for: off the event loop, cut at the
// deadline. That is ~40 reads per port, paid only where an RDMA device exists.
import { join } from 'node:path';
import { readAttrs, readAttrsSync } from './attrs.ts';
import type { KernelFs } from './kernelFs.ts';
import { classifyReadError, errnoCode } from './readErrors.ts';
import { IB_COUNTER_DIRS, isIbCounter } from '../sysfs/infiniband.ts';

export interface IbPortTexts {
  readonly port: string;
  readonly linkLayer: string;
  readonly state: string;
  readonly physState: string;
  readonly rate: string;
  /** "<dir>/<file>" -> text of the counters that could be read. */
  readonly counters: Map<string, string>;
}

export interface IbDeviceTexts {
  readonly name: string;
  readonly fwVer: string;
  readonly boardId: string;
  readonly hcaType: string;
  readonly ports: IbPortTexts[];
}

/** Refusals procfs skips in the counter directories (write-only or unsupported files, no permission). */
const SKIPPED_COUNTER_ERRORS: ReadonlySet<string> = new Set(['ENOENT', 'EACCES', 'EPERM', 'EOPNOTSUPP', 'ENOTSUP', 'EINVAL']);

/** The devices of /sys/class/infiniband, sorted; throws the listing's error (ENOENT without RDMA devices). */
export function infinibandDeviceNames(kfs: KernelFs): string[] {
  return kfs.listSync(kfs.sys('class', 'infiniband'));
}

function okOrThrow(r: { ok: true; text: string } | { ok: false; err: unknown }): string {
  if (!r.ok) throw r.err;
  return r.text;
}

async function readCounters(kfs: KernelFs, portDir: string, deadline: number): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const dir of IB_COUNTER_DIRS) {
    let files: string[];
    try {
      files = kfs
        .entriesSync(join(portDir, dir))
        .filter((e) => e.isFile() && isIbCounter(dir, e.name))
        .map((e) => e.name);
    } catch (err) {
      if (classifyReadError(err) === 'missing') continue;
      throw err;
    }
    for (const [file, r] of Object.entries(await readAttrs(kfs, join(portDir, dir), files, deadline))) {
      if (r.ok) out.set(`${dir}/${file}`, r.text);
      else if (!SKIPPED_COUNTER_ERRORS.has(errnoCode(r.err) ?? '')) throw r.err;
    }
  }
  return out;
}

/**
 * One device with its ports. fw_ver, and each port's link_layer, state, phys_state and rate are
 * required (their read error is thrown, as procfs fails the class); board_id and hca_type are '' when
 * missing.
 */
export async function readInfinibandDevice(kfs: KernelFs, name: string, deadline: number): Promise<IbDeviceTexts> {
  const dir = kfs.sys('class', 'infiniband', name);
  const fwVer = kfs.attrOrThrowSync(join(dir, 'fw_ver'));
  const info = readAttrsSync(kfs, dir, ['board_id', 'hca_type']);
  const optional = (r: (typeof info)['board_id']): string => {
    if (r.ok) return r.text;
    if (classifyReadError(r.err) === 'missing') return '';
    throw r.err;
  };
  const boardId = optional(info.board_id);
  const hcaType = optional(info.hca_type);
  const ports = await Promise.all(
    kfs.listSync(join(dir, 'ports')).map(async (port): Promise<IbPortTexts> => {
      const portDir = join(dir, 'ports', port);
      const linkLayer = kfs.readTextSync(join(portDir, 'link_layer'));
      const [a, counters] = await Promise.all([readAttrs(kfs, portDir, ['state', 'phys_state', 'rate'], deadline), readCounters(kfs, portDir, deadline)]);
      return { port, linkLayer, state: okOrThrow(a.state), physState: okOrThrow(a.phys_state), rate: okOrThrow(a.rate), counters };
    }),
  );
  return { name, fwVer, boardId, hcaType, ports };
}
