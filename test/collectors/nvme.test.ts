import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';
import type { Node } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.nvme'];
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');
const CTRL = { model: 'Samsung SSD 980 500GB', serial: 'S64DNX0R123456', firmware_rev: '3B4QFXO7', state: 'live', cntlid: '6' };
const controller = (name: string, attrs: Record<string, string>, namespaces: Record<string, Record<string, string>> = {}): Record<string, Node> => {
  const nodes: Record<string, Node> = {};
  for (const [k, v] of Object.entries(attrs)) nodes[`class/nvme/${name}/${k}`] = v;
  for (const [ns, a] of Object.entries(namespaces)) for (const [k, v] of Object.entries(a)) nodes[`class/nvme/${name}/${ns}/${k}`] = v;
  return nodes;
};
const NS = { nuse: '1000', size: '2000', 'queue/logical_block_size': '4096' };

async function scrapeTree(nodes: Record<string, Node>, log = recordingLogger()): Promise<string> {
  return fixtureScraper(sysTreeFlags(sysTree(nodes), ['nvme']), log).scrape();
}

describe('nvme collector', () => {
  it('matches the golden exposition on the router fixture (one NVMe disk)', async () => {
    expectGolden('router/nvme.prom', stable(await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape()));
  });

  it('reports no data (success 0, debug log only) without /sys/class/nvme, as node_exporter', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY], log).scrape();
    expect(text).not.toMatch(/^node_nvme_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="nvme"} 0']);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it('exports namespaces with their ANA state, unparsable counts as 0, and skips entries that are not namespaces', async () => {
    const text = await scrapeTree(
      controller('nvme1', CTRL, { nvme1n1: { ...NS, ana_state: 'optimized' }, nvme1n2: { ...NS, nuse: 'n/a' }, nvme1c1n1: NS, power: { control: 'auto' } }),
    );
    expect(samples(text, 'node_nvme_namespace_info')).toEqual([
      'node_nvme_namespace_info{device="nvme1",nsid="1",ana_state="optimized"} 1',
      'node_nvme_namespace_info{device="nvme1",nsid="2",ana_state="unknown"} 1',
    ]);
    expect(samples(text, 'node_nvme_namespace_used_bytes')).toEqual([
      'node_nvme_namespace_used_bytes{device="nvme1",nsid="1"} 4096000',
      'node_nvme_namespace_used_bytes{device="nvme1",nsid="2"} 0',
    ]);
    expect(samples(text, 'node_nvme_info')).toEqual([
      'node_nvme_info{device="nvme1",firmware_revision="3B4QFXO7",model="Samsung SSD 980 500GB",serial="S64DNX0R123456",state="live",cntlid="6"} 1',
    ]);
  });

  it('reports no data when a controller attribute procfs requires is missing', async () => {
    const { cntlid: _gone, ...attrs } = CTRL;
    const text = await scrapeTree(controller('nvme0', attrs));
    expect(text).not.toMatch(/^node_nvme_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="nvme"} 0']);
  });

  it('fails the collector (success 0, logged once) when an attribute cannot be read', async () => {
    const log = recordingLogger();
    const text = await scrapeTree({ ...controller('nvme0', CTRL), 'class/nvme/nvme0/nvme0n1/nuse': { dir: true } }, log);
    expect(text).not.toMatch(/^node_nvme_/m);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="nvme"} 0']);
    expect(log.lines.filter((l) => l.startsWith('error'))).toHaveLength(1);
  });
});
