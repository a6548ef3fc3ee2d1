import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { procTree } from './procTree.ts';
import { join } from 'node:path';

const ONLY = ['--collector.disable-defaults', '--collector.drbd'];
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');

async function scrapeProc(drbd: string, log = recordingLogger()): Promise<string> {
  const root = procTree({ drbd });
  return fixtureScraper([`--path.procfs=${join(root, 'proc')}`, `--path.sysfs=${join(root, 'sys')}`, ...ONLY], log).scrape();
}

describe('drbd collector (off by default)', () => {
  it('matches the golden exposition on the router fixture (a NAS mirrored to a peer, one resource waiting for it)', async () => {
    expectGolden('router/drbd.prom', stable(await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape()));
  });

  it('reports no data (success 0, debug log only) without /proc/drbd (DRBD 9 has none), as node_exporter', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY], log).scrape();
    expect(text).not.toMatch(/^node_drbd_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="drbd"} 0']);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it('scales KiB counters to bytes and reads values before any device as device "unknown"', async () => {
    const text = await scrapeProc('ns:2 cs:StandAlone\n 7: ns:1.5 nr:3 oos:1 ro:Secondary/Primary\n');
    expect(samples(text, 'node_drbd_network_sent_bytes_total')).toEqual(['node_drbd_network_sent_bytes_total{device="unknown"} 2048', 'node_drbd_network_sent_bytes_total{device="drbd7"} 1536']);
    expect(samples(text, 'node_drbd_network_received_bytes_total')).toEqual(['node_drbd_network_received_bytes_total{device="drbd7"} 3']);
    expect(samples(text, 'node_drbd_connected')).toEqual(['node_drbd_connected{device="unknown"} 0']);
    expect(samples(text, 'node_drbd_node_role_is_primary')).toEqual([
      'node_drbd_node_role_is_primary{device="drbd7",node="local"} 0',
      'node_drbd_node_role_is_primary{device="drbd7",node="remote"} 1',
    ]);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="drbd"} 1']);
  });

  it.each([
    ['a value that is not a number', ' 0: cs:Connected ns:lots\n'],
    // node_exporter panics on this one (it indexes the missing remote half); here only the collector fails
    ['a role without a peer half', ' 0: ro:Primary\n'],
  ])('fails the collector (success 0, logged once) on %s', async (_name, drbd) => {
    const log = recordingLogger();
    const text = await scrapeProc(drbd, log);
    expect(text).not.toMatch(/^node_drbd_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="drbd"} 0']);
    expect(log.lines.filter((l) => l.startsWith('error'))).toHaveLength(1);
  });
});
