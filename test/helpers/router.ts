// The router fixture's whole exposition with the default collectors, and what of it comes from the test
// host rather than from the fixture tree (normalised, so that the golden passes on any machine).
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pageSize } from '../../src/pageSize.ts';
import { FIXTURES, ROOT, machineFlags, stable } from './scrape.ts';

export const ROUTER_FLAGS: readonly string[] = [...machineFlags('router'), `--collector.textfile.directory=${join(FIXTURES, 'router', 'textfile')}`];

/** The labels of node_uname_info that uname(2) of the running kernel supplies; domainname is the fixture's. */
const HOST_UNAME_LABELS = ['machine', 'nodename', 'release', 'sysname', 'version'];

/** node_uname_info with the host's uname(2) fields replaced by `<host>` (the exporter reports them as they are). */
function hostUname(line: string): string {
  let out = line;
  for (const label of HOST_UNAME_LABELS) out = out.replace(new RegExp(`([{,]${label}=)"(?:[^"\\\\]|\\\\.)*"`), '$1"<host>"');
  return out;
}

/** sockstat's *_mem_bytes are pages × the host's page size: written as on a 4 KiB-page host, as the golden has them. */
function fourKiBPages(line: string): string {
  const size = pageSize();
  return size === 4096 ? line : line.replace(/ (\d+)$/, (_, v: string) => ` ${(Number(v) / size) * 4096}`);
}

/**
 * Without what comes from the test host rather than the fixture tree: uname(2) of the running kernel, the
 * host's time zone (/etc/localtime, $TZ), its page size, the clock, statfs(2) of the mounts, the
 * checkout's location (in textfile's paths) and its files' mtimes.
 */
export function hermetic(text: string): string {
  return stable(text)
    .split('\n')
    .filter((l) => !/^node_(time_seconds|filesystem_(avail_bytes|free_bytes|size_bytes|files|files_free))[ {]/.test(l))
    .map((l) => (l.startsWith('node_textfile_mtime_seconds{') ? l.replace(/ \d+$/, ' <mtime>') : l))
    .map((l) => (l.startsWith('node_uname_info{') ? hostUname(l) : l))
    .map((l) => (l.startsWith('node_time_zone_offset_seconds{') ? 'node_time_zone_offset_seconds{time_zone="<host>"} <host>' : l))
    .map((l) => (/^node_sockstat_\w+_mem_bytes /.test(l) ? fourKiBPages(l) : l))
    .join('\n')
    .replaceAll(ROOT, '<root>');
}

/**
 * A copy of the router fixture at `dir` in which the sysfs file `rel` (relative to sys/) is a named pipe
 * without a writer: a read of it waits in open(2), as a read of a hung driver's attribute waits. Returns
 * the pipe's path (give it a writer to release the waiting thread).
 */
export function routerWithStuckAttribute(dir: string, rel: string): string {
  cpSync(join(FIXTURES, 'router'), dir, { recursive: true, verbatimSymlinks: true });
  const pipe = join(dir, 'sys', rel);
  rmSync(pipe);
  execFileSync('mkfifo', [pipe]);
  return pipe;
}
