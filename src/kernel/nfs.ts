// The kernel's NFS statistics (prometheus/procfs's nfs.FS and Proc.MountStats), for the nfs, nfsd and
// mountstats collectors. All are seq_files built from kernel memory (RPC counters, the mount table):
// read synchronously.
import type { KernelFs } from './kernelFs.ts';
import { isNotFound } from './readErrors.ts';
import type { NfsClientStats, NfsServerStats } from '../procfs/netRpcNfs.ts';
import { parseNfsClientStats, parseNfsServerStats } from '../procfs/netRpcNfs.ts';
import type { Mount } from '../procfs/mountstats.ts';
import { parseMountStats } from '../procfs/mountstats.ts';
import type { MountSuperBlock } from '../procfs/mountinfo.ts';
import { parseMountInfoStrict } from '../procfs/mountinfo.ts';

/** The text of a file, or undefined when it does not exist (ENOENT); other errors are thrown. */
function readIfExists(kfs: KernelFs, path: string): string | undefined {
  try {
    return kfs.readTextSync(path);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** /proc/net/rpc/nfs; undefined when the nfs client module is not loaded. Malformed content throws. */
export function readNfsClientStats(kfs: KernelFs): NfsClientStats | undefined {
  const text = readIfExists(kfs, kfs.proc('net', 'rpc', 'nfs'));
  return text === undefined ? undefined : parseNfsClientStats(text);
}

/** /proc/net/rpc/nfsd; undefined when the nfsd module is not loaded. Malformed content throws. */
export function readNfsServerStats(kfs: KernelFs): NfsServerStats | undefined {
  const text = readIfExists(kfs, kfs.proc('net', 'rpc', 'nfsd'));
  return text === undefined ? undefined : parseNfsServerStats(text);
}

/**
 * The exporter's own mounts: /proc/self/mountstats and /proc/self/mountinfo, in the same order (the
 * kernel writes both from one walk of the mount namespace). procfs resolves the self link to a pid once
 * and reads /proc/<pid>/…; reading through the link is the same files. Any error is thrown (a missing
 * file too: node_exporter reports that as a failure, not as no data).
 */
export function readSelfMounts(kfs: KernelFs): { stats: Mount[]; info: MountSuperBlock[] } {
  const stats = parseMountStats(kfs.readTextSync(kfs.proc('self', 'mountstats')));
  const info = parseMountInfoStrict(kfs.readTextSync(kfs.proc('self', 'mountinfo')));
  return { stats, info };
}
