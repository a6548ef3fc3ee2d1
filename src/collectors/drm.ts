// node_drm_* from /sys/class/drm (node_exporter's collector/drm_linux.go on prometheus/procfs's
// sysfs.ClassDRMCardAMDGPUStats): amdgpu cards only, as there.
import type { CollectorDefinition } from '../collector.ts';
import { readAmdgpuCards } from '../kernel/drm.ts';
import { parseAmdgpuCard } from '../sysfs/drm.ts';
import type { AmdgpuNumber } from '../sysfs/drm.ts';

const GAUGES: ReadonlyArray<readonly [AmdgpuNumber, string, string]> = [
  ['gpu_busy_percent', 'gpu_busy_percent', 'How busy the GPU is as a percentage.'],
  ['mem_info_gtt_total', 'memory_gtt_size_bytes', 'The size of the graphics translation table (GTT) block in bytes.'],
  ['mem_info_gtt_used', 'memory_gtt_used_bytes', 'The used amount of the graphics translation table (GTT) block in bytes.'],
  ['mem_info_vram_total', 'memory_vram_size_bytes', 'The size of VRAM in bytes.'],
  ['mem_info_vram_used', 'memory_vram_used_bytes', 'The used amount of VRAM in bytes.'],
  ['mem_info_vis_vram_total', 'memory_vis_vram_size_bytes', 'The size of visible VRAM in bytes.'],
  ['mem_info_vis_vram_used', 'memory_vis_vram_used_bytes', 'The used amount of visible VRAM in bytes.'],
];

export const drm: CollectorDefinition = {
  name: 'drm',
  defaultEnabled: false,
  help: 'Expose GPU metrics using sysfs / DRM, amdgpu is the only driver which exposes this information through DRM.',
  create: () => ({
    async update(ctx) {
      for (const { card, attrs } of await readAmdgpuCards(ctx.kernel, ctx.deadline)) {
        const c = parseAmdgpuCard(attrs);
        ctx
          .gauge('node_drm_card_info', 'Card information', ['card', 'memory_vendor', 'power_performance_level', 'unique_id', 'vendor'])
          .set(1, card, c.texts.mem_info_vram_vendor, c.texts.power_dpm_force_performance_level, c.texts.unique_id, 'amd');
        for (const [attr, metric, help] of GAUGES) ctx.gauge(`node_drm_${metric}`, help, ['card']).set(c.numbers[attr], card);
      }
    },
  }),
};
