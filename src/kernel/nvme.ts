// /sys/class/nvme and /sys/class/nvme-subsystem, read for the nvme and nvmesubsystem collectors
// (prometheus/procfs's sysfs.NVMeClass and NVMeSubsystemClass). Which reads are which:
//   namespace nuse  off the event loop, cut at the deadline: its show() refreshes the count with an
//                   Identify Namespace command to the drive when the cached one is older than a
//                   second (a drive busy with a long command, or in a deep power state, answers late).
//   everything else synchronous: model, serial, firmware_rev, cntlid, state, transport, address,
//                   subsysnqn, iopolicy, a namespace's size, logical block size and ANA state are
//                   copies the driver keeps in memory.
// An unreadable attribute fails the whole read as in procfs (the collectors turn ENOENT into no data).
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { isSubsystemController, isSubsystemNamespace, nvmeCountOrZero, nvmeNamespaceId } from '../sysfs/nvme.ts';

export interface NvmeNamespace {
  readonly id: string;
  readonly anaState: string;
  readonly usedBytes: number;
  readonly sizeBytes: number;
  readonly logicalBlockSize: number;
}

export interface NvmeController {
  readonly name: string;
  readonly serial: string;
  readonly model: string;
  readonly state: string;
  readonly firmwareRevision: string;
  readonly controllerId: string;
  readonly namespaces: readonly NvmeNamespace[];
}

function attr(kfs: KernelFs, path: string): string {
  return kfs.attrOrThrowSync(path);
}

async function readNamespace(kfs: KernelFs, dir: string, id: string, deadline: number): Promise<NvmeNamespace> {
  const used = nvmeCountOrZero(await kfs.attr(join(dir, 'nuse'), deadline));
  const size = nvmeCountOrZero(attr(kfs, join(dir, 'size')));
  const block = nvmeCountOrZero(attr(kfs, join(dir, 'queue', 'logical_block_size')));
  let anaState = 'unknown';
  try {
    anaState = attr(kfs, join(dir, 'ana_state'));
  } catch {
    // only controllers with Asymmetric Namespace Access have it
  }
  return { id, anaState, usedBytes: used * block, sizeBytes: size * block, logicalBlockSize: block };
}

async function readController(kfs: KernelFs, name: string, deadline: number): Promise<NvmeController> {
  const dir = kfs.sys('class', 'nvme', name);
  const [firmwareRevision, model, serial, state, controllerId] = ['firmware_rev', 'model', 'serial', 'state', 'cntlid'].map((f) => attr(kfs, join(dir, f))) as [
    string,
    string,
    string,
    string,
    string,
  ];
  const namespaces: NvmeNamespace[] = [];
  for (const entry of kfs.listSync(dir)) {
    const id = nvmeNamespaceId(entry);
    if (id !== undefined) namespaces.push(await readNamespace(kfs, join(dir, entry), id, deadline));
  }
  return { name, serial, model, state, firmwareRevision, controllerId, namespaces };
}

/** Every controller of /sys/class/nvme; throws the first read error (ENOENT without the class). */
export async function readNvmeControllers(kfs: KernelFs, deadline: number): Promise<NvmeController[]> {
  const out: NvmeController[] = [];
  for (const name of kfs.listSync(kfs.sys('class', 'nvme'))) out.push(await readController(kfs, name, deadline));
  return out;
}

export interface NvmeSubsystemController {
  readonly name: string;
  readonly state: string;
  readonly transport: string;
}

export interface NvmeSubsystem {
  readonly name: string;
  readonly nqn: string;
  readonly model: string;
  readonly serial: string;
  readonly iopolicy: string;
  readonly controllers: readonly NvmeSubsystemController[];
  readonly namespaces: readonly string[];
}

function readSubsystem(kfs: KernelFs, name: string): NvmeSubsystem {
  const dir = kfs.sys('class', 'nvme-subsystem', name);
  const [nqn, model, serial, iopolicy] = ['subsysnqn', 'model', 'serial', 'iopolicy'].map((f) => attr(kfs, join(dir, f))) as [string, string, string, string];
  const controllers: NvmeSubsystemController[] = [];
  const namespaces: string[] = [];
  for (const entry of kfs.listSync(dir)) {
    if (isSubsystemController(entry)) {
      const state = attr(kfs, join(dir, entry, 'state'));
      const transport = attr(kfs, join(dir, entry, 'transport'));
      attr(kfs, join(dir, entry, 'address'));
      controllers.push({ name: entry, state, transport });
    }
    if (isSubsystemNamespace(entry)) namespaces.push(entry);
  }
  return { name, nqn, model, serial, iopolicy, controllers, namespaces };
}

/** Every nvme-subsys* of /sys/class/nvme-subsystem; throws the first read error (ENOENT without the class). */
export function readNvmeSubsystems(kfs: KernelFs): NvmeSubsystem[] {
  return kfs
    .listSync(kfs.sys('class', 'nvme-subsystem'))
    .filter((e) => e.startsWith('nvme-subsys'))
    .map((e) => readSubsystem(kfs, e));
}

