import { describe, expect, it } from 'vitest';
import { compileRegex, parseCli, parseListenAddress, UsageError } from '../src/cli.ts';
import type { Config } from '../src/cli.ts';
import { COLLECTORS } from '../src/collectors/index.ts';

function config(argv: string[]): Config {
  const r = parseCli(argv, COLLECTORS);
  if (r.kind !== 'run') throw new Error(`got ${r.kind}`);
  return r.config;
}

describe('parseListenAddress', () => {
  it.each([
    [':9101', undefined, 9101],
    ['127.0.0.1:9101', '127.0.0.1', 9101],
    ['[::1]:9100', '::1', 9100],
    ['[::]:0', '::', 0],
    ['localhost:80', 'localhost', 80],
  ])('%s', (text, host, port) => {
    expect(parseListenAddress(text)).toEqual({ host, port });
  });
  it.each(['9101', ':99999', 'host:', '::1:9100', '[::1]', 'a:b', ':-1'])('rejects %s', (text) => {
    expect(() => parseListenAddress(text)).toThrow(UsageError);
  });
});

describe('parseCli', () => {
  it('has node_exporter-style defaults, on port 9101', () => {
    const c = config([]);
    expect(c.listen).toEqual([{ host: undefined, port: 9101 }]);
    expect(c.telemetryPath).toBe('/metrics');
    expect(c.maxRequests).toBe(40);
    expect(c.paths).toEqual({ procfs: '/proc', sysfs: '/sys', rootfs: '/' });
    expect(c.disableExporterMetrics).toBe(false);
    expect(c.compatTiny).toBe(false);
    expect(c.collectors).toEqual(COLLECTORS.filter((d) => d.defaultEnabled).map((d) => d.name));
  });

  it('takes repeated listen addresses and both --flag=value and --flag value', () => {
    const c = config(['--web.listen-address=127.0.0.1:1', '--web.listen-address', '[::1]:2', '--path.procfs', '/p']);
    expect(c.listen).toEqual([{ host: '127.0.0.1', port: 1 }, { host: '::1', port: 2 }]);
    expect(c.paths.procfs).toBe('/p');
  });

  it('enables and disables collectors, later flags winning', () => {
    expect(config(['--collector.disable-defaults', '--collector.loadavg']).collectors).toEqual(['loadavg']);
    expect(config(['--collector.disable-defaults']).collectors).toEqual([]);
    expect(config(['--no-collector.loadavg']).collectors).not.toContain('loadavg');
    expect(config(['--no-collector.loadavg', '--collector.loadavg']).collectors).toContain('loadavg');
    expect(config(['--collector.loadavg', '--no-collector.loadavg']).collectors).not.toContain('loadavg');
  });

  it('keeps every value of a repeatable (strings) flag in order, and none when it is not given', () => {
    const c = config(['--collector.sysctl.include=fs.file-nr', '--collector.sysctl.include', 'fs.file-nr:total,current,max', '--collector.sysctl.include-info=kernel.seccomp.actions_avail']);
    expect(c.flags.strings('collector.sysctl.include')).toEqual(['fs.file-nr', 'fs.file-nr:total,current,max']);
    expect(c.flags.strings('collector.sysctl.include-info')).toEqual(['kernel.seccomp.actions_avail']);
    expect(config([]).flags.strings('collector.sysctl.include')).toEqual([]);
    // Only flags typed 'strings' answer: a plain string flag keeps its last value only.
    expect(config(['--log.level=warn', '--log.level=debug']).flags.strings('log.level')).toEqual([]);
  });

  it('returns help and version requests', () => {
    expect(parseCli(['--help'], COLLECTORS).kind).toBe('help');
    expect(parseCli(['-h'], COLLECTORS).kind).toBe('help');
    expect(parseCli(['--version'], COLLECTORS).kind).toBe('version');
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--collector.nosuch'], /Unknown option '--collector.nosuch'/],
    [['--web.listen-address=nope'], /invalid --web.listen-address "nope"/],
    [['--web.max-requests=-1'], /invalid --web.max-requests/],
    [['--web.max-requests=ten'], /invalid --web.max-requests/],
    [['--web.telemetry-path=metrics'], /must start with \//],
    [['--log.level=loud'], /invalid --log.level "loud"/],
    [['--log.format=xml'], /invalid --log.format "xml"/],
    [['positional'], /positional|Unexpected argument/],
  ])('rejects %j with a clear message', (argv, msg) => {
    expect(() => parseCli(argv, COLLECTORS)).toThrow(msg);
  });

  it('compiles Go-style regexes, with (?i), and rejects bad ones', () => {
    expect(compileRegex('f', '(?i)^ETH').test('eth0')).toBe(true);
    expect(() => compileRegex('collector.x', '(')).toThrow(/invalid regular expression for --collector.x/);
  });
});
