import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKernelFs } from '../../src/kernel/kernelFs.ts';
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../src/cli.ts';
import { createTimeCollector } from '../../src/collectors/time.ts';
import { loadLocalZone } from '../../src/localZone.ts';
import { COLLECTORS } from '../../src/collectors/index.ts';
import { FamilySet } from '../../src/families.ts';
import type { Paths } from '../../src/kernel/kernelFs.ts';
import { silentLogger } from '../../src/log.ts';
import { parseTzif } from '../../src/timezone.ts';
import type { TzData } from '../../src/timezone.ts';
import { FIXTURES, expectGolden, fixtureScraper, machineFlags, samples } from '../helpers/scrape.ts';

const scrape = (machine: string | string[]): Promise<string> =>
  fixtureScraper([...(Array.isArray(machine) ? machine : machineFlags(machine)), '--collector.disable-defaults', '--collector.time']).scrape();

function sysWith(files: Record<string, string>): string[] {
  const root = mkdtempSync(join(tmpdir(), 'lte-time-'));
  mkdirSync(join(root, 'proc'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, 'sys/devices/system/clocksource', rel, '..'), { recursive: true });
    writeFileSync(join(root, 'sys/devices/system/clocksource', rel), text);
  }
  mkdirSync(join(root, 'sys'), { recursive: true });
  return [`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, `--path.rootfs=${root}`];
}

/** Runs a time collector built with a fixed clock and zone, on the empty machine. */
async function runWith(nowMs: number, zone: TzData): Promise<string> {
  const res = parseCli([], COLLECTORS);
  if (res.kind !== 'run') throw new Error('unexpected');
  const paths: Paths = { procfs: join(FIXTURES, 'empty/proc'), sysfs: join(FIXTURES, 'empty/sys'), rootfs: join(FIXTURES, 'empty') };
  const c = createTimeCollector({ now: () => nowMs, loadZone: async () => zone });
  const fams = new FamilySet();
  fams.reset();
  await c.update({ paths, kernel: createKernelFs(paths), deadline: performance.now() + 10_000, log: silentLogger, gauge: (n, h, l) => fams.get('gauge', n, h, l), counter: (n, h, l) => fams.get('counter', n, h, l), samples: (n, h, t) => fams.samples(n, h, t) });
  return fams.text();
}

describe('time collector', () => {
  it('matches the golden clocksources of the router fixture and reports the clock', async () => {
    const before = Date.now() / 1000;
    const text = await scrape('router');
    const after = Date.now() / 1000;
    expectGolden('router/time.prom', text.split('\n').filter((l) => l.startsWith('node_time_clocksource') || l.includes(' node_time_clocksource')).join('\n') + '\n');
    const [line] = samples(text, 'node_time_seconds');
    const t = Number(line?.split(' ')[1]);
    expect(t).toBeGreaterThanOrEqual(before - 0.001);
    expect(t).toBeLessThanOrEqual(after + 0.001);
    expect(samples(text, 'node_time_zone_offset_seconds')).toHaveLength(1);
  });

  it('labels clocksources by their position in the sorted directory list, not by their number', async () => {
    const text = await scrape(
      sysWith({
        'clocksource0/available_clocksource': 'tsc hpet acpi_pm \n',
        'clocksource0/current_clocksource': 'tsc\n',
        'clocksource10/available_clocksource': 'x10 \n',
        'clocksource10/current_clocksource': 'x10\n',
        'clocksource2/available_clocksource': 'x2 \n',
        'clocksource2/current_clocksource': 'x2\n',
        'power/available_clocksource': 'not_a_clocksource\n',
      }),
    );
    expect(samples(text, 'node_time_clocksource_available_info')).toEqual([
      'node_time_clocksource_available_info{clocksource="acpi_pm",device="0"} 1',
      'node_time_clocksource_available_info{clocksource="hpet",device="0"} 1',
      'node_time_clocksource_available_info{clocksource="tsc",device="0"} 1',
      'node_time_clocksource_available_info{clocksource="x10",device="1"} 1',
      'node_time_clocksource_available_info{clocksource="x2",device="2"} 1',
    ]);
    expect(samples(text, 'node_time_clocksource_current_info')).toEqual([
      'node_time_clocksource_current_info{clocksource="tsc",device="0"} 1',
      'node_time_clocksource_current_info{clocksource="x10",device="1"} 1',
      'node_time_clocksource_current_info{clocksource="x2",device="2"} 1',
    ]);
  });

  it('exports the clock without clocksource metrics where sysfs has none', async () => {
    const text = await scrape('empty');
    expect(samples(text, 'node_time_seconds')).toHaveLength(1);
    expect(text).not.toContain('node_time_clocksource');
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="time"} 1']);
  });

  it('fails (success 0) when a clocksource directory lacks current_clocksource', async () => {
    const text = await scrape(sysWith({ 'clocksource0/available_clocksource': 'tsc\n' }));
    expect(text).not.toMatch(/^node_time_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="time"} 0']);
  });

  it('names the zone with the tz database abbreviation, as Go does', async () => {
    const berlin = parseTzif(readFileSync(join(FIXTURES, 'tzif/Europe_Berlin')));
    const winter = await runWith(Date.parse('2026-01-15T12:00:00.250Z'), berlin);
    expect(samples(winter, 'node_time_zone_offset_seconds')).toEqual(['node_time_zone_offset_seconds{time_zone="CET"} 3600']);
    expect(samples(winter, 'node_time_seconds')).toEqual([`node_time_seconds ${Date.parse('2026-01-15T12:00:00.250Z') / 1000}`]);
    const summer = await runWith(Date.parse('2026-07-15T12:00:00Z'), berlin);
    expect(samples(summer, 'node_time_zone_offset_seconds')).toEqual(['node_time_zone_offset_seconds{time_zone="CEST"} 7200']);
  });
});

describe('loadLocalZone (Go\'s time.Local)', () => {
  const zoneinfo = (name: string): boolean => {
    try {
      readFileSync(join('/usr/share/zoneinfo', name));
      return true;
    } catch {
      return false;
    }
  };
  it('is UTC for TZ="", TZ=UTC, POSIX strings and unknown zones', async () => {
    for (const tz of ['', 'UTC', ':', 'CET-1CEST,M3.5.0,M10.5.0/3', 'No/Such_Zone', '/no/such/file']) {
      const z = await loadLocalZone(tz);
      expect(z.zones.map((x) => x.name), tz).toEqual(['UTC']);
    }
  });
  it('reads a zone file given as an absolute path', async () => {
    const z = await loadLocalZone(join(FIXTURES, 'tzif/Australia_Sydney'));
    expect(z.extend).toBe('AEST-10AEDT,M10.1.0,M4.1.0/3');
    expect(z.zones.some((x) => x.name === 'AEDT')).toBe(true);
  });
  it.skipIf(!zoneinfo('Asia/Tokyo'))('looks names up in /usr/share/zoneinfo, with or without a leading colon', async () => {
    expect((await loadLocalZone('Asia/Tokyo')).extend).toBe('JST-9');
    expect((await loadLocalZone(':Asia/Tokyo')).extend).toBe('JST-9');
  });
});
