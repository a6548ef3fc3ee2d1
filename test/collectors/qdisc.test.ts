import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import type { Logger } from '../../src/log.ts';

const FAKE_TC = join(FIXTURES, 'tc', 'fake-tc');
const qdiscOnly = (...extra: string[]): string[] => [...machineFlags('router'), '--collector.disable-defaults', '--collector.qdisc', `--collector.qdisc.tc=${FAKE_TC}`, ...extra];
const scrape = (extra: readonly string[] = [], log?: Logger): Promise<string> => fixtureScraper(qdiscOnly(...extra), log).scrape();
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');
const devices = (text: string, family = 'node_qdisc_bytes_total'): string[] => samples(text, family).map((l) => /device="([^"]*)",kind="([^"]*)"/.exec(l)?.slice(1).join('/') ?? '?');

const tmp = mkdtempSync(join(tmpdir(), 'lte-qdisc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.TC_FIXTURE;
});

/** A --collector.qdisc.fixtures directory holding the given tc output. */
function fixtureDir(name: string, output: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tc-qdisc.json'), output);
  return dir;
}

const ROOTS = [
  'lo/noqueue',
  'eth0/mq',
  'lan1/noqueue',
  'br-lan/noqueue',
  'eth0.2/noqueue',
  'br-lan.10/noqueue',
  'pppoe-wan/cake',
  'wg0/noqueue',
  'phy0-ap0/noqueue',
  'lan2/noqueue',
  'lan3/noqueue',
  'bond0/noqueue',
  'ifb4pppoe-wan/cake',
];

describe('qdisc collector', () => {
  it('is off by default', async () => {
    expect(await fixtureScraper(machineFlags('router')).scrape()).not.toMatch(/^node_qdisc_/m);
  });

  it('matches the golden exposition on the router fixture (tc run, its JSON parsed)', async () => {
    const log = recordingLogger();
    const text = await scrape([], log);
    expectGolden('router/qdisc.prom', stable(text));
    // Root qdiscs only: not mq's fq_codel children, not the ingress qdisc.
    expect(devices(text)).toEqual(ROOTS);
    // SQM: cake on the WAN and on its ifb (ingress shaping); tc's 64-bit packet count as it is.
    expect(samples(text, 'node_qdisc_packets_total')).toContain('node_qdisc_packets_total{device="pppoe-wan",kind="cake"} 4812345678');
    expect(samples(text, 'node_qdisc_drops_total')).toContain('node_qdisc_drops_total{device="ifb4pppoe-wan",kind="cake"} 611234');
    expect(samples(text, 'node_qdisc_backlog')).toContain('node_qdisc_backlog{device="pppoe-wan",kind="cake"} 3028');
    expect(samples(text, 'node_qdisc_current_queue_length')).toContain('node_qdisc_current_queue_length{device="pppoe-wan",kind="cake"} 2');
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="qdisc"} 1']);
    expect(log.lines.filter((l) => !l.startsWith('debug '))).toEqual([]);
  });

  it('reads tc-qdisc.json of --collector.qdisc.fixtures instead of running tc', async () => {
    // The tc named is not there: had it been run, there would be no data.
    const text = await scrape([`--collector.qdisc.fixtures=${join(FIXTURES, 'router', 'tc')}`, '--collector.qdisc.tc=/nonexistent/tc']);
    expect(devices(text)).toEqual(ROOTS);
  });

  it('filters devices with --collector.qdisc.device-include / -exclude (unanchored, like Go)', async () => {
    expect(devices(await scrape(['--collector.qdisc.device-include=wan']))).toEqual(['pppoe-wan/cake', 'ifb4pppoe-wan/cake']);
    expect(devices(await scrape(['--collector.qdisc.device-exclude=^(lo|lan\\d|br-lan.*|eth0\\.2|wg0|phy0-ap0|bond0)$']))).toEqual(['eth0/mq', 'pppoe-wan/cake', 'ifb4pppoe-wan/cake']);
    expect(() => fixtureScraper(qdiscOnly('--collector.qdisc.device-include=wan', '--collector.qdisc.device-exclude=lo'))).toThrow(/mutually exclusive/);
  });

  it('takes the deprecated --collector.qdisk.* flags, with a warning, but not together with the new ones', async () => {
    const log = recordingLogger();
    expect(devices(await scrape(['--collector.qdisk.device-include=^eth0$'], log))).toEqual(['eth0/mq']);
    expect(log.lines.filter((l) => l.startsWith('warn '))).toEqual([expect.stringContaining('--collector.qdisk.device-include is DEPRECATED and will be removed in 2.0.0, use --collector.qdisc.device-include')]);
    expect(devices(await scrape(['--collector.qdisk.device-exclude=.']))).toEqual([]);
    expect(() => fixtureScraper(qdiscOnly('--collector.qdisk.device-include=a', '--collector.qdisc.device-include=b'))).toThrow('--collector.qdisk.device-include and --collector.qdisc.device-include are mutually exclusive');
    expect(() => fixtureScraper(qdiscOnly('--collector.qdisk.device-exclude=a', '--collector.qdisc.device-exclude=b'))).toThrow('--collector.qdisk.device-exclude and --collector.qdisc.device-exclude are mutually exclusive');
  });

  it('reports no data (success 0, debug only) without tc', async () => {
    const log = recordingLogger();
    const text = await scrape(['--collector.qdisc.tc=/nonexistent/tc'], log);
    expect(text).not.toMatch(/^node_qdisc_\w+\{/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="qdisc"} 0']);
    expect(log.lines.filter((l) => !l.startsWith('debug '))).toEqual([]);
  });

  it('fails the collector, not the scrape, when tc fails or prints no JSON', async () => {
    process.env.TC_FIXTURE = join(FIXTURES, 'tc', 'fails');
    const log = recordingLogger();
    const text = await fixtureScraper([...qdiscOnly(), '--collector.loadavg'], log).scrape();
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="loadavg"} 1', 'node_scrape_collector_success{collector="qdisc"} 0']);
    expect(log.lines.filter((l) => l.startsWith('error '))).toEqual([expect.stringContaining('Cannot open netlink socket')]);
    const garbage = await scrape([`--collector.qdisc.fixtures=${fixtureDir('garbage', 'qdisc noqueue 0: dev lo root refcnt 2\n')}`]);
    expect(success(garbage)).toEqual(['node_scrape_collector_success{collector="qdisc"} 0']);
    expect(success(await scrape([`--collector.qdisc.fixtures=${join(tmp, 'missing')}`]))).toEqual(['node_scrape_collector_success{collector="qdisc"} 0']);
  });

  it('kills a tc that hangs at --collector.qdisc.timeout', async () => {
    process.env.TC_FIXTURE = join(FIXTURES, 'tc', 'slow');
    const log = recordingLogger();
    const text = await scrape(['--collector.qdisc.timeout=200ms'], log);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="qdisc"} 0']);
    expect(log.lines.filter((l) => l.startsWith('error '))).toEqual([expect.stringMatching(/timed out after 200 ms \(--collector.qdisc.timeout\)/)]);
    expect(() => fixtureScraper(qdiscOnly('--collector.qdisc.timeout=0s'))).toThrow(/must be positive/);
  });

  it('serves each device once, and leaves out what tc did not print', async () => {
    const dir = fixtureDir('odd', '[{"kind":"fq","dev":"a","root":true,"bytes":5},{"kind":"fq","dev":"a","root":true,"bytes":6},{"kind":"noqueue","dev":"b"},{"dev":"c"}]\n');
    const text = await scrape([`--collector.qdisc.fixtures=${dir}`]);
    expect(samples(text, 'node_qdisc_bytes_total')).toEqual(['node_qdisc_bytes_total{device="a",kind="fq"} 5']);
    expect(samples(text, 'node_qdisc_packets_total')).toEqual([]);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="qdisc"} 1']);
  });

  it('runs tc from $PATH or the sbin directories when --collector.qdisc.tc is not given (iproute2 here)', async () => {
    const log = recordingLogger();
    const text = await fixtureFreeScrape(log);
    const [ok] = success(text);
    // With iproute2 installed: this machine's root qdiscs (lo has one); without it: no data.
    if (ok?.endsWith(' 1')) expect(text).toMatch(/^node_qdisc_bytes_total\{device="lo",kind="\w+"\} \d+$/m);
    else expect(text).not.toMatch(/^node_qdisc_\w+\{/m);
    expect(log.lines.filter((l) => !l.startsWith('debug '))).toEqual([]);
  });
});

function fixtureFreeScrape(log: Logger): Promise<string> {
  return fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.qdisc'], log).scrape();
}
