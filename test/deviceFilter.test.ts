// node_exporter's device filter and the resolution of its flags (aliases, defaults, mutual exclusion).
import { describe, expect, it } from 'vitest';
import type { FlagValues } from '../src/collector.ts';
import { DeviceFilter, FilterFlagError, deviceFilter } from '../src/deviceFilter.ts';
import { recordingLogger } from './helpers/scrape.ts';

/** Flag values as the CLI hands them over: a given string, its regex (undefined for ""). */
function flags(given: Record<string, string>, defaults: Record<string, string> = {}): FlagValues {
  const str = (n: string): string | undefined => given[n] ?? defaults[n];
  return {
    string: str,
    strings: () => [],
    boolean: () => false,
    regex: (n) => {
      const s = str(n);
      return s === undefined || s === '' ? undefined : new RegExp(s);
    },
    duration: () => undefined,
  };
}

const SPEC = { include: 'x.include', exclude: 'x.exclude', exclusive: true } as const;

describe('DeviceFilter', () => {
  it.each([
    [undefined, undefined, 'eth0', false],
    [/^eth/, undefined, 'eth0', false],
    [/^eth/, undefined, 'wlan0', true],
    [undefined, /^lo$/, 'lo', true],
    [undefined, /^lo$/, 'lo0', false],
    [/^e/, /0$/, 'eth0', true],
    [/^e/, /0$/, 'eth1', false],
  ] as const)('include %s exclude %s: %s ignored=%s', (include, exclude, name, want) => {
    expect(new DeviceFilter(include, exclude).ignored(name)).toBe(want);
  });
});

describe('deviceFilter (flags)', () => {
  it('nothing given: nothing ignored', () => {
    const f = deviceFilter(flags({}), SPEC);
    expect([f.include, f.exclude]).toEqual([undefined, undefined]);
  });
  it('an include and an exclude together: one message, where node_exporter refuses it', () => {
    expect(() => deviceFilter(flags({ 'x.include': 'a', 'x.exclude': 'b' }), SPEC)).toThrow(new FilterFlagError('--x.exclude and --x.include are mutually exclusive'));
    const both = deviceFilter(flags({ 'x.include': 'a', 'x.exclude': 'b' }), { ...SPEC, exclusive: false });
    expect([both.include?.source, both.exclude?.source]).toEqual(['a', 'b']);
  });
  it("an include drops the exclude flag's default; an explicit exclude with it is refused", () => {
    const spec = { ...SPEC, excludeDefault: '^(loop)$' };
    const d = { 'x.exclude': '^(loop)$' };
    expect(deviceFilter(flags({}, d), spec).exclude?.source).toBe('^(loop)$');
    const inc = deviceFilter(flags({ 'x.include': '^sd' }, d), spec);
    expect([inc.include?.source, inc.exclude]).toEqual(['^sd', undefined]);
    expect(() => deviceFilter(flags({ 'x.include': '^sd', 'x.exclude': '^nvme' }, d), spec)).toThrow(FilterFlagError);
    // An explicit empty exclude is no conflict.
    expect(deviceFilter(flags({ 'x.include': '^sd', 'x.exclude': '' }, d), spec).exclude).toBeUndefined();
  });
  it('a deprecated alias stands for the exclude flag, with a warning; with the exclude flag too it is refused', () => {
    const spec = { ...SPEC, excludeDefault: 'def', deprecatedExclude: 'x.ignored' };
    const d = { 'x.exclude': 'def' };
    const log = recordingLogger();
    expect(deviceFilter(flags({ 'x.ignored': '^old$' }, d), spec, log).exclude?.source).toBe('^old$');
    expect(log.lines).toEqual(['warn --x.ignored is DEPRECATED and will be removed in 2.0.0, use --x.exclude {}']);
    expect(() => deviceFilter(flags({ 'x.ignored': '^old$', 'x.exclude': 'new' }, d), spec)).toThrow(new FilterFlagError('--x.ignored and --x.exclude are mutually exclusive'));
  });
});
