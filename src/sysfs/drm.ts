// /sys/class/drm/card<N>/device/ of an amdgpu card (Documentation/gpu/amdgpu/thermal.rst and
// driver-misc.rst), as prometheus/procfs's sysfs.ClassDRMCardAMDGPUStats reads it: a card is amdgpu
// when its device's uevent says DRIVER=amdgpu; numbers are strconv.ParseUint(s, 0, 64).
//   gpu_busy_percent 4   mem_info_vram_total 8573157376   power_dpm_force_performance_level "auto"
import { parseGoUint64 } from '../goparse.ts';

export const AMDGPU_NUMBERS = [
  'gpu_busy_percent',
  'mem_info_gtt_total',
  'mem_info_gtt_used',
  'mem_info_vis_vram_total',
  'mem_info_vis_vram_used',
  'mem_info_vram_total',
  'mem_info_vram_used',
] as const;
export const AMDGPU_TEXTS = ['mem_info_vram_vendor', 'power_dpm_force_performance_level', 'unique_id'] as const;
export type AmdgpuNumber = (typeof AMDGPU_NUMBERS)[number];
export type AmdgpuText = (typeof AMDGPU_TEXTS)[number];

const CARD = /^card[0-9]$/;

/** Whether a /sys/class/drm entry is matched by procfs's glob card[0-9] (card0..card9, not card0-DP-1). */
export function isDrmCard(entry: string): boolean {
  return CARD.test(entry);
}

/** Whether the device's uevent (its first 128 bytes) names the amdgpu driver. */
export function isAmdgpuUevent(uevent: string): boolean {
  return uevent.includes('DRIVER=amdgpu');
}

export interface AmdgpuCard {
  readonly numbers: Record<AmdgpuNumber, number>;
  readonly texts: Record<AmdgpuText, string>;
}

/** The card's values from the attributes that could be read: 0 or '' for the others; throws on a number that does not parse. */
export function parseAmdgpuCard(attrs: Partial<Record<AmdgpuNumber | AmdgpuText, string>>): AmdgpuCard {
  const numbers = {} as Record<AmdgpuNumber, number>;
  for (const a of AMDGPU_NUMBERS) {
    const t = attrs[a];
    const v = t === undefined ? 0n : parseGoUint64(t);
    if (v === undefined) throw new Error(`amdgpu ${a}: invalid number ${JSON.stringify(t)}`);
    numbers[a] = Number(v);
  }
  const texts = {} as Record<AmdgpuText, string>;
  for (const a of AMDGPU_TEXTS) texts[a] = attrs[a] ?? '';
  return { numbers, texts };
}
