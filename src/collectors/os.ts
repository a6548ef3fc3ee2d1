// node_os_info / node_os_version / node_os_support_end_timestamp_seconds from os-release (node_exporter's
// collector/os_release.go), plus node_openwrt_info on OpenWrt. Both are re-read only when their file's
// modification time changes, as node_exporter does for os-release: a scrape costs a stat() or two.
import type { CollectorContext, CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import type { FileStats } from '../kernel/kernelFs.ts';
import { cpuinfoSystem, devicetreeString, parseBoardJsonModel, parseOpenwrtRelease } from '../rootfs/openwrt.ts';
import type { OsRelease } from '../rootfs/osRelease.ts';
import { majorMinorVersion, parseOsRelease, supportEndTimestamp } from '../rootfs/osRelease.ts';

/** Where os-release may be, in node_exporter's order (below --path.rootfs). */
const OS_RELEASE_FILES = [
  ['etc', 'os-release'],
  ['usr', 'lib', 'os-release'],
] as const;

const INFO_LABELS = ['build_id', 'id', 'id_like', 'image_id', 'image_version', 'name', 'pretty_name', 'variant', 'variant_id', 'version', 'version_codename', 'version_id'] as const;
const OPENWRT_LABELS = ['board_name', 'id', 'model', 'release', 'revision', 'system', 'target'] as const;

interface Cached<T> {
  readonly path: string;
  /** Modification time, size and inode of the file when it was read. */
  readonly version: string;
  readonly value: T;
}

const versionOf = (st: FileStats): string => `${st.mtimeMs}/${st.size}/${st.ino}`;

/** The OpenWrt labels, in OPENWRT_LABELS order. */
async function readOpenwrtLabels(ctx: CollectorContext, releaseText: string): Promise<string[]> {
  const release = parseOpenwrtRelease(releaseText);
  const k = ctx.kernel;
  const [boardJson, sysinfoBoard, dtModel] = await Promise.all([
    k.readTextFile(k.rootfs('etc', 'board.json')).catch(() => undefined),
    k.readTextFile(k.rootfs('tmp', 'sysinfo', 'board_name')).catch(() => undefined),
    // The devicetree's model is a property the kernel holds in memory, not a driver read.
    k.readFile(k.sys('firmware', 'devicetree', 'base', 'model')).catch(() => undefined),
  ]);
  const cpuinfo = k.readTextOptionalSync(k.proc('cpuinfo'));
  const board = boardJson === undefined ? {} : parseBoardJsonModel(boardJson);
  const boardName = board.id ?? sysinfoBoard?.trim() ?? '';
  const model = (dtModel === undefined ? '' : devicetreeString(dtModel)) || (board.name ?? '');
  const system = cpuinfo === undefined ? '' : cpuinfoSystem(cpuinfo);
  return [boardName, release.id, model, release.release, release.revision, system, release.target];
}

export const osRelease: CollectorDefinition = {
  name: 'os',
  defaultEnabled: true,
  help: 'Exposes OS release information from os-release (and the OpenWrt release and board on OpenWrt).',
  create() {
    let os: Cached<OsRelease> | undefined;
    let openwrt: Cached<string[]> | undefined;

    async function currentOsRelease(ctx: CollectorContext): Promise<OsRelease | undefined> {
      for (const parts of OS_RELEASE_FILES) {
        const path = ctx.kernel.rootfs(...parts);
        const st = await ctx.kernel.statOptional(path);
        if (!st) continue;
        if (os && os.path === path && os.version === versionOf(st)) return os.value;
        const value = parseOsRelease(await ctx.kernel.readTextFile(path));
        os = { path, version: versionOf(st), value };
        return value;
      }
      os = undefined;
      return undefined;
    }

    async function currentOpenwrt(ctx: CollectorContext): Promise<string[] | undefined> {
      const path = ctx.kernel.rootfs('etc', 'openwrt_release');
      const st = await ctx.kernel.statOptional(path);
      if (!st) {
        openwrt = undefined;
        return undefined;
      }
      if (openwrt && openwrt.path === path && openwrt.version === versionOf(st)) return openwrt.value;
      const value = await readOpenwrtLabels(ctx, await ctx.kernel.readTextFile(path));
      openwrt = { path, version: versionOf(st), value };
      return value;
    }

    return {
      async update(ctx) {
        const [rel, owrt] = await Promise.all([currentOsRelease(ctx), currentOpenwrt(ctx)]);
        if (rel === undefined && owrt === undefined) throw new NoDataError('no os-release file found');
        if (rel !== undefined) {
          ctx
            .gauge(
              'node_os_info',
              "A metric with a constant '1' value labeled by build_id, id, id_like, image_id, image_version, name, pretty_name, variant, variant_id, version, version_codename, version_id.",
              INFO_LABELS,
            )
            .set(1, rel.buildId, rel.id, rel.idLike, rel.imageId, rel.imageVersion, rel.name, rel.prettyName, rel.variant, rel.variantId, rel.version, rel.versionCodename, rel.versionId);
          const version = majorMinorVersion(rel.versionId);
          if (version > 0) ctx.gauge('node_os_version', 'Metric containing the major.minor part of the OS version.', ['id', 'id_like', 'name']).set(version, rel.id, rel.idLike, rel.name);
          if (rel.supportEnd !== '') {
            const ts = supportEndTimestamp(rel.supportEnd);
            if (ts === undefined) ctx.log.debug('invalid SUPPORT_END in os-release', { value: rel.supportEnd });
            else ctx.gauge('node_os_support_end_timestamp_seconds', 'Metric containing the end-of-life date timestamp of the OS.').set(ts);
          }
        }
        if (owrt !== undefined) {
          ctx
            .gauge('node_openwrt_info', "A metric with a constant '1' value labeled by the OpenWrt release (/etc/openwrt_release) and board (board.json, devicetree, /proc/cpuinfo).", OPENWRT_LABELS)
            .set(1, ...owrt);
        }
      },
    };
  },
};
