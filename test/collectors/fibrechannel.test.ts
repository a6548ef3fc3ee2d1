import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { success } from './procTree.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.fibrechannel'];
const host = (n: string, files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [`class/fc_host/${n}/${k}`, v]));

describe('fibrechannel collector', () => {
  it('reports no data (success 0) on the router fixture, which has no FC HBA', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY], log).scrape();
    expectGolden('router/fibrechannel.prom', stable(text));
    expect(success(text, 'fibrechannel')).toBe(0);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it('strips 0x from the port names, leaves out unimplemented counters, zeroes a disabled port', async () => {
    const sys = sysTree({
      ...host('host3', { port_state: 'Online', port_name: '0x10000090fa1b2c3d', port_id: '0x010200', 'statistics/rx_frames': '0x10', 'statistics/tx_frames': '0xffffffffffffffff', 'statistics/reset_statistics': '' }),
      ...host('host4', { port_state: 'Unknown', 'statistics/rx_frames': '0x99' }),
    });
    const text = await fixtureScraper(sysTreeFlags(sys, ['fibrechannel'])).scrape();
    expect(samples(text, 'node_fibrechannel_info')).toEqual([
      'node_fibrechannel_info{fc_host="host3",speed="",port_state="Online",port_type="",port_id="010200",port_name="10000090fa1b2c3d",fabric_name="",symbolic_name="",supported_classes="",supported_speeds="",dev_loss_tmo=""} 1',
      'node_fibrechannel_info{fc_host="host4",speed="",port_state="Unknown",port_type="",port_id="",port_name="",fabric_name="",symbolic_name="",supported_classes="",supported_speeds="",dev_loss_tmo=""} 1',
    ]);
    expect(samples(text, 'node_fibrechannel_rx_frames_total')).toEqual(['node_fibrechannel_rx_frames_total{fc_host="host3"} 16', 'node_fibrechannel_rx_frames_total{fc_host="host4"} 0']);
    expect(samples(text, 'node_fibrechannel_tx_frames_total')).toEqual(['node_fibrechannel_tx_frames_total{fc_host="host4"} 0']);
    expect(success(text, 'fibrechannel')).toBe(1);
  });

  it('fails (success 0) on a counter that does not parse', async () => {
    const text = await fixtureScraper(sysTreeFlags(sysTree(host('host0', { port_state: 'Online', 'statistics/nos_count': '12 frames' })), ['fibrechannel'])).scrape();
    expect(text).not.toMatch(/^node_fibrechannel_/m);
    expect(success(text, 'fibrechannel')).toBe(0);
  });
});
