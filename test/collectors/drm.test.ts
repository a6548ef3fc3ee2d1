import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, stable } from '../helpers/scrape.ts';
import { success } from './procTree.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';
import type { Node } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.drm'];

function card(n: string, pci: string, driver: string, attrs: Record<string, string>): Record<string, Node> {
  const dev = `devices/pci0000:00/0000:00:01.1/${pci}`;
  return {
    [`class/drm/${n}`]: { link: `../../${dev}/drm/${n}` },
    [`${dev}/drm/${n}/device`]: { link: `../../../${pci}` },
    [`${dev}/uevent`]: `DRIVER=${driver}\nPCI_CLASS=30000`,
    ...Object.fromEntries(Object.entries(attrs).map(([k, v]) => [`${dev}/${k}`, v])),
  };
}

describe('drm collector', () => {
  it('exports nothing, successfully, on the router fixture (an Intel iGPU: amdgpu only, as node_exporter)', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expectGolden('router/drm.prom', stable(text));
    expect(text).not.toMatch(/^node_drm_/m);
    expect(success(text, 'drm')).toBe(1);
  });

  it('exports nothing, successfully and silently, without /sys/class/drm', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY], log).scrape();
    expect(success(text, 'drm')).toBe(1);
    expect(log.lines).toEqual([]);
  });

  it('exports an amdgpu card, 0 or "" for what it does not have, and skips card0-DP-1 and card10', async () => {
    const sys = sysTree({
      ...card('card1', '0000:03:00.0', 'amdgpu', {
        gpu_busy_percent: '7',
        mem_info_vram_total: '8573157376',
        mem_info_vram_used: '0x10000000',
        mem_info_vram_vendor: 'samsung',
        power_dpm_force_performance_level: 'auto',
        unique_id: '5a3c1b2d4e6f7081',
      }),
      'class/drm/card1-DP-1': { dir: true },
      ...card('card10', '0000:04:00.0', 'amdgpu', { gpu_busy_percent: '99' }),
    });
    const text = await fixtureScraper(sysTreeFlags(sys, ['drm'])).scrape();
    expect(text.split('\n').filter((l) => l.startsWith('node_drm_'))).toEqual([
      'node_drm_card_info{card="card1",memory_vendor="samsung",power_performance_level="auto",unique_id="5a3c1b2d4e6f7081",vendor="amd"} 1',
      'node_drm_gpu_busy_percent{card="card1"} 7',
      'node_drm_memory_gtt_size_bytes{card="card1"} 0',
      'node_drm_memory_gtt_used_bytes{card="card1"} 0',
      'node_drm_memory_vram_size_bytes{card="card1"} 8573157376',
      'node_drm_memory_vram_used_bytes{card="card1"} 268435456',
      'node_drm_memory_vis_vram_size_bytes{card="card1"} 0',
      'node_drm_memory_vis_vram_used_bytes{card="card1"} 0',
    ]);
  });

  it('fails (success 0) on a number that does not parse', async () => {
    const text = await fixtureScraper(sysTreeFlags(sysTree(card('card0', '0000:03:00.0', 'amdgpu', { gpu_busy_percent: 'busy' })), ['drm'])).scrape();
    expect(text).not.toMatch(/^node_drm_/m);
    expect(success(text, 'drm')).toBe(0);
  });
});
