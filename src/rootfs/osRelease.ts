// os-release(5) as node_exporter's collector/os_release.go uses it: twelve fields as labels, the
// major.minor part of VERSION_ID as a number, SUPPORT_END as a timestamp.
import { parseEnvFile } from './envFile.ts';

export interface OsRelease {
  readonly name: string;
  readonly id: string;
  readonly idLike: string;
  readonly prettyName: string;
  readonly variant: string;
  readonly variantId: string;
  readonly version: string;
  readonly versionId: string;
  readonly versionCodename: string;
  readonly buildId: string;
  readonly imageId: string;
  readonly imageVersion: string;
  readonly supportEnd: string;
}

/** Parses os-release text; malformed lines are skipped, missing fields are "". */
export function parseOsRelease(text: string): OsRelease {
  const env = parseEnvFile(text).values;
  const get = (k: string): string => env.get(k) ?? '';
  return {
    name: get('NAME'),
    id: get('ID'),
    idLike: get('ID_LIKE'),
    prettyName: get('PRETTY_NAME'),
    variant: get('VARIANT'),
    variantId: get('VARIANT_ID'),
    version: get('VERSION'),
    versionId: get('VERSION_ID'),
    versionCodename: get('VERSION_CODENAME'),
    buildId: get('BUILD_ID'),
    imageId: get('IMAGE_ID'),
    imageVersion: get('IMAGE_VERSION'),
    supportEnd: get('SUPPORT_END'),
  };
}

/**
 * node_exporter's node_os_version value: the leading /^[0-9]+\.?[0-9]*\/ of VERSION_ID as a float
 * ("20.04" -> 20.04, "24.10.2" -> 24.1, "12" -> 12), or 0 when VERSION_ID does not start with a digit.
 */
export function majorMinorVersion(versionId: string): number {
  const m = /^[0-9]+\.?[0-9]*/.exec(versionId);
  return m ? Number(m[0]) : 0;
}

/** SUPPORT_END (YYYY-MM-DD, Go's time.DateOnly) as Unix seconds at UTC midnight, or undefined if invalid. */
export function supportEndTimestamp(supportEnd: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(supportEnd);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const ms = Date.UTC(y, mo - 1, d);
  // Date.UTC rolls 2024-02-30 over into March; Go rejects it as "day out of range".
  if (new Date(ms).getUTCDate() !== d) return undefined;
  return ms / 1000;
}
