// node_exporter's device filter (collector/device_filter.go), and how its include/exclude flags are
// resolved: the one place for both.
//
// A name is ignored when the exclude pattern matches it, or when there is an include pattern and it does
// not. The flags resolve as node_exporter's collectors resolve them:
//   - a deprecated alias (e.g. --collector.filesystem.ignored-mount-points, --collector.qdisk.device-include)
//     stands for the exclude (or include) flag, with a warning; giving both is an error;
//   - an include given without an explicit exclude drops the exclude flag's default (and a deprecated
//     alias's value, as node_exporter's filesystem collector does);
//   - where node_exporter checks it (`exclusive`), an include and an exclude together are an error,
//     always spelled "--<exclude> and --<include> are mutually exclusive" (node_exporter's filesystem words).
// "Given" can only be seen as "differs from the default": giving the default value explicitly together
// with an include is not reported as a conflict.
import type { FlagValues } from './collector.ts';
import type { Logger } from './log.ts';

export class DeviceFilter {
  constructor(
    readonly include: RegExp | undefined,
    readonly exclude: RegExp | undefined,
  ) {}

  ignored(name: string): boolean {
    return (this.exclude !== undefined && this.exclude.test(name)) || (this.include !== undefined && !this.include.test(name));
  }
}

export interface DeviceFilterFlags {
  readonly include: string;
  readonly exclude: string;
  /** The exclude flag's default pattern, if it has one. */
  readonly excludeDefault?: string;
  /** A deprecated flag that stands for the exclude flag. */
  readonly deprecatedExclude?: string;
  /** A deprecated flag that stands for the include flag. */
  readonly deprecatedInclude?: string;
  /** Whether an include and an exclude together are refused (as node_exporter does for this collector). */
  readonly exclusive: boolean;
}

export class FilterFlagError extends Error {}

/** Resolves the flags of one filter; throws FilterFlagError for a conflict. */
export function deviceFilter(flags: FlagValues, spec: DeviceFilterFlags, log?: Logger): DeviceFilter {
  const def = spec.excludeDefault ?? '';
  let excludeSrc = flags.string(spec.exclude) ?? def;
  const excludeSet = excludeSrc !== def;
  let exclude = flags.regex(spec.exclude);
  const old = spec.deprecatedExclude;
  const oldSrc = old === undefined ? '' : (flags.string(old) ?? '');
  if (old !== undefined && oldSrc !== '') {
    if (excludeSet) throw new FilterFlagError(`--${old} and --${spec.exclude} are mutually exclusive`);
    log?.warn(`--${old} is DEPRECATED and will be removed in 2.0.0, use --${spec.exclude}`);
    excludeSrc = oldSrc;
    exclude = flags.regex(old);
  }
  let includeSrc = flags.string(spec.include) ?? '';
  let include = includeSrc === '' ? undefined : flags.regex(spec.include);
  const oldInclude = spec.deprecatedInclude;
  const oldIncludeSrc = oldInclude === undefined ? '' : (flags.string(oldInclude) ?? '');
  if (oldInclude !== undefined && oldIncludeSrc !== '') {
    if (includeSrc !== '') throw new FilterFlagError(`--${oldInclude} and --${spec.include} are mutually exclusive`);
    log?.warn(`--${oldInclude} is DEPRECATED and will be removed in 2.0.0, use --${spec.include}`);
    includeSrc = oldIncludeSrc;
    include = flags.regex(oldInclude);
  }
  if (include !== undefined && !excludeSet) {
    excludeSrc = '';
    exclude = undefined;
  }
  if (spec.exclusive && include !== undefined && excludeSrc !== '') {
    throw new FilterFlagError(`--${spec.exclude} and --${spec.include} are mutually exclusive`);
  }
  return new DeviceFilter(include, excludeSrc === '' ? undefined : exclude);
}
