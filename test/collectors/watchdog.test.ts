import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { success } from './procTree.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.watchdog'];
const onTree = (sys: string) => fixtureScraper(sysTreeFlags(sys, ['watchdog']));

describe('watchdog collector', () => {
  it('matches the golden exposition on the router fixture (the SoC iTCO timer, armed)', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/watchdog.prom', stable(text));
    expect(samples(text, 'node_watchdog_timeleft_seconds')).toEqual(['node_watchdog_timeleft_seconds{name="watchdog0"} 27']);
    expect(success(text, 'watchdog')).toBe(1);
  });

  it('reports no data (success 0, logged at debug only) without /sys/class/watchdog', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY], log).scrape();
    expect(text).not.toMatch(/^node_watchdog_/m);
    expect(success(text, 'watchdog')).toBe(0);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it('exports a watchdog without attributes with empty info labels', async () => {
    const text = await onTree(sysTree({ 'class/watchdog/watchdog1': { dir: true } })).scrape();
    expect(samples(text, 'node_watchdog_info')).toEqual(['node_watchdog_info{name="watchdog1",options="",identity="",state="",status="",pretimeout_governor=""} 1']);
    expect(success(text, 'watchdog')).toBe(1);
  });

  it('parses numbers as Go ParseInt(s, 0, 64) does, and fails the collector on one that does not parse', async () => {
    const ok = await onTree(sysTree({ 'class/watchdog/watchdog0/timeout': '0x3c', 'class/watchdog/watchdog0/bootstatus': '-1' })).scrape();
    expect(samples(ok, 'node_watchdog_timeout_seconds')).toEqual(['node_watchdog_timeout_seconds{name="watchdog0"} 60']);
    expect(samples(ok, 'node_watchdog_bootstatus')).toEqual(['node_watchdog_bootstatus{name="watchdog0"} -1']);
    const log = recordingLogger();
    const bad = await fixtureScraper(sysTreeFlags(sysTree({ 'class/watchdog/watchdog0/timeout': '30s', 'class/watchdog/watchdog1/timeout': '30' }), ['watchdog']), log).scrape();
    expect(bad).not.toMatch(/^node_watchdog_/m);
    expect(success(bad, 'watchdog')).toBe(0);
    expect(log.lines.some((l) => l.startsWith('error collector failed') && l.includes('timeout'))).toBe(true);
  });
});
