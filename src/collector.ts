// What a collector is, what it gets to work with, and how it declares its flags.
import type { Paths } from './kernel/kernelFs.ts';
import type { KernelFs } from './kernel/kernelFs.ts';
import type { Logger } from './log.ts';

/** One metric family as a collector sees it: samples are set with label values in declaration order. */
export interface Family {
  set(value: number, ...labelValues: string[]): void;
}

export type FamilyType = 'gauge' | 'counter' | 'untyped' | 'histogram' | 'summary';

/**
 * A family whose samples are given whole, with their own sample names (for histograms and summaries,
 * the _bucket/_sum/_count series). Used where samples are passed through rather than computed (textfile).
 */
export interface SampleFamily {
  add(sampleName: string, labels: Readonly<Record<string, string>>, value: number): void;
}

export interface CollectorContext {
  readonly paths: Paths;
  /** The kernel's files under the configured roots: every read of a collector goes through it. */
  readonly kernel: KernelFs;
  /** When this scrape must be answered (a performance.now() time): reads that can block are cut there. */
  readonly deadline: number;
  readonly log: Logger;
  /** Declares (or reuses) a gauge family for this scrape. */
  gauge(name: string, help: string, labelNames?: readonly string[]): Family;
  /** Declares (or reuses) a counter family for this scrape; values are the kernel's absolute counts. */
  counter(name: string, help: string, labelNames?: readonly string[]): Family;
  /** Declares (or reuses) a pass-through family of any type. */
  samples(name: string, help: string, type: FamilyType): SampleFamily;
}

export interface Collector {
  update(ctx: CollectorContext): Promise<void>;
}

export type FlagType = 'string' | 'strings' | 'boolean' | 'regex' | 'duration';

export interface FlagDefinition {
  /** Full flag name without dashes, e.g. "collector.netdev.device-include". */
  readonly name: string;
  readonly type: FlagType;
  readonly help: string;
  /**
   * Default as it would be typed on the command line; regex flags without a default match nothing extra.
   * A 'strings' flag (kingpin's .Strings(): repeatable, every value kept in order) has no default.
   */
  readonly default?: string | boolean;
}

/** Values of a collector's flags after parsing and validation. */
export interface FlagValues {
  string(name: string): string | undefined;
  /** Every value of a repeatable ('strings') flag, in command-line order; [] when not given. */
  strings(name: string): readonly string[];
  boolean(name: string): boolean;
  regex(name: string): RegExp | undefined;
  /** A duration flag in seconds (Go's time.ParseDuration syntax: "9.5s", "1m30s"), validated at start-up. */
  duration(name: string): number | undefined;
}

export interface CollectorEnv {
  readonly paths: Paths;
  readonly log: Logger;
  readonly flags: FlagValues;
}

export interface CollectorDefinition {
  readonly name: string;
  readonly defaultEnabled: boolean;
  readonly help: string;
  readonly flags?: readonly FlagDefinition[];
  create(env: CollectorEnv): Collector;
}

/**
 * Thrown by a collector when the data it reads from does not exist on this system (no hwmon chips, no
 * conntrack module): the collector reports success 0 and logs at debug level only.
 */
export class NoDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoDataError';
  }
}
