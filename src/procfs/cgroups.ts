// /proc/cgroups: the cgroup controllers compiled into the kernel, as prometheus/procfs's CgroupSummarys
// reads them:
//   #subsys_name	hierarchy	num_cgroups	enabled
//   cpuset	5	47	1
// Lines starting with "#" are comments; the first four fields are read (strconv.Atoi for the numbers).
import { parseGoInt64Base10 } from '../goparse.ts';
import { fields } from '../gostrings.ts';

export interface CgroupSummary {
  readonly subsysName: string;
  readonly hierarchy: number;
  readonly cgroups: number;
  readonly enabled: number;
}

/** The controllers in file order; a line with fewer than four fields or a bad number is skipped (procfs fails the file). */
export function parseCgroupSummaries(text: string): CgroupSummary[] {
  const out: CgroupSummary[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const f = fields(line);
    if (f.length < 4) continue;
    const [hierarchy, cgroups, enabled] = f.slice(1, 4).map(parseGoInt64Base10);
    if (hierarchy === undefined || cgroups === undefined || enabled === undefined) continue;
    out.push({ subsysName: f[0] as string, hierarchy, cgroups, enabled });
  }
  return out;
}
