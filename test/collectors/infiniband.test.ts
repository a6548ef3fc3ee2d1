import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { success } from './procTree.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.infiniband'];

/** A RoCE NIC (mlx5) with one port, as a NAS with a 25G uplink has it. */
function mlx5(name: string, extra: Record<string, string> = {}): Record<string, string> {
  const d = `class/infiniband/${name}`;
  return {
    [`${d}/fw_ver`]: '16.35.2000',
    [`${d}/hca_type`]: 'MT4119',
    [`${d}/board_id`]: 'MT_0000000080',
    [`${d}/ports/1/link_layer`]: 'Ethernet',
    [`${d}/ports/1/state`]: '4: ACTIVE',
    [`${d}/ports/1/phys_state`]: '5: LinkUp',
    [`${d}/ports/1/rate`]: '25 Gb/sec (1X EDR)',
    [`${d}/ports/1/counters/port_rcv_data`]: '1000',
    [`${d}/ports/1/counters/port_xmit_data`]: '18446744073709551615',
    [`${d}/ports/1/counters/symbol_error`]: 'N/A (no PMA)',
    [`${d}/ports/1/counters/VL15_dropped`]: '0',
    [`${d}/ports/1/hw_counters/lifespan`]: '12',
    [`${d}/ports/1/hw_counters/out_of_buffer`]: '3',
    [`${d}/ports/1/hw_counters/rx_write_requests`]: '0x20',
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`${d}/${k}`, v])),
  };
}

describe('infiniband collector', () => {
  it('reports no data (success 0) on the router fixture, which has no RDMA device', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY], log).scrape();
    expectGolden('router/infiniband.prom', stable(text));
    expect(success(text, 'infiniband')).toBe(0);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it('exports state, rate, PMA and hardware counters (data in octets, wrapping as uint64), skipping "N/A (no PMA)"', async () => {
    const text = await fixtureScraper(sysTreeFlags(sysTree(mlx5('mlx5_0')), ['infiniband'])).scrape();
    expect(text.split('\n').filter((l) => l.startsWith('node_infiniband_'))).toEqual([
      'node_infiniband_info{device="mlx5_0",board_id="MT_0000000080",firmware_version="16.35.2000",hca_type="MT4119"} 1',
      'node_infiniband_state_id{device="mlx5_0",port="1"} 4',
      'node_infiniband_physical_state_id{device="mlx5_0",port="1"} 5',
      'node_infiniband_rate_bytes_per_second{device="mlx5_0",port="1"} 3125000000',
      'node_infiniband_lifespan_seconds{device="mlx5_0",port="1"} 0',
      'node_infiniband_port_data_received_bytes_total{device="mlx5_0",port="1"} 4000',
      'node_infiniband_port_data_transmitted_bytes_total{device="mlx5_0",port="1"} 18446744073709552000',
      'node_infiniband_vl15_dropped_total{device="mlx5_0",port="1"} 0',
      'node_infiniband_out_of_buffer_drops_total{device="mlx5_0",port="1"} 3',
      'node_infiniband_rx_write_requests_total{device="mlx5_0",port="1"} 32',
    ]);
  });

  it('applies --collector.infiniband.device-include / device-exclude', async () => {
    const sys = sysTree({ ...mlx5('mlx5_0'), ...mlx5('mlx5_1') });
    const devices = async (flag: string) =>
      samples(await fixtureScraper(sysTreeFlags(sys, ['infiniband'], [flag])).scrape(), 'node_infiniband_info').map((l) => /device="([^"]+)"/.exec(l)?.[1]);
    expect(await devices('--collector.infiniband.device-include=_1$')).toEqual(['mlx5_1']);
    expect(await devices('--collector.infiniband.device-exclude=_1$')).toEqual(['mlx5_0']);
  });

  it('does not read an excluded device (a broken one there does not fail the collector)', async () => {
    const sys = sysTree({ ...mlx5('mlx5_0'), ...mlx5('mlx5_1', { 'ports/1/state': 'garbage' }) });
    const text = await fixtureScraper(sysTreeFlags(sys, ['infiniband'], ['--collector.infiniband.device-exclude=^mlx5_1$'])).scrape();
    expect(samples(text, 'node_infiniband_info')).toHaveLength(1);
    expect(success(text, 'infiniband')).toBe(1);
  });

  it('fails (success 0) on a malformed state or rate, and reports no data without fw_ver', async () => {
    for (const [extra, want] of [
      [{ 'ports/1/state': 'ACTIVE' }, 0],
      [{ 'ports/1/rate': '25Gb/sec' }, 0],
      [{ 'ports/1/counters/port_rcv_data': '-1' }, 0],
    ] as const) {
      const text = await fixtureScraper(sysTreeFlags(sysTree(mlx5('mlx5_0', extra)), ['infiniband'])).scrape();
      expect(text).not.toMatch(/^node_infiniband_/m);
      expect(success(text, 'infiniband')).toBe(want);
    }
    const noFw = mlx5('mlx5_0');
    delete noFw['class/infiniband/mlx5_0/fw_ver'];
    const log = recordingLogger();
    const text = await fixtureScraper(sysTreeFlags(sysTree(noFw), ['infiniband']), log).scrape();
    expect(success(text, 'infiniband')).toBe(0);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });
});
