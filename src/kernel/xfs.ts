// XFS's per-filesystem statistics, <sysfs>/fs/xfs/<device>/stats/stats (Linux 4.4+). The kernel sums
// per-CPU counters in memory to answer: read synchronously.
import type { KernelFs } from './kernelFs.ts';
import { classifyReadError } from './readErrors.ts';

export interface XfsStatsFile {
  /** The directory name: the block device ("sda1", "dm-0"). */
  readonly device: string;
  readonly text: string;
}

/** Every <device>/stats/stats in name order; none without <sysfs>/fs/xfs. Read errors other than a missing file throw. */
export function readXfsStats(kfs: KernelFs): XfsStatsFile[] {
  const out: XfsStatsFile[] = [];
  for (const device of kfs.listOptionalSync(kfs.sys('fs', 'xfs'))) {
    let text: string;
    try {
      text = kfs.readTextSync(kfs.sys('fs', 'xfs', device, 'stats', 'stats'));
    } catch (err) {
      if (classifyReadError(err) === 'missing') continue; // not matched by node_exporter's glob
      throw err;
    }
    out.push({ device, text });
  }
  return out;
}
