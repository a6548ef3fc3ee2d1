// /sys/class/drm/card<N>/device/ for the drm collector. The device's uevent is kernel memory:
// synchronous. amdgpu's attributes ask the GPU: gpu_busy_percent and the power level go to the SMU
// firmware, and most of them first wake a runtime-suspended GPU (pm_runtime_get_sync, seconds): off
// the event loop, cut at the deadline. A machine without a GPU pays one listing.
import { join } from 'node:path';
import { readAttrs } from './attrs.ts';
import type { KernelFs } from './kernelFs.ts';
import { errnoCode } from './readErrors.ts';
import { AMDGPU_NUMBERS, AMDGPU_TEXTS, isAmdgpuUevent, isDrmCard } from '../sysfs/drm.ts';
import type { AmdgpuNumber, AmdgpuText } from '../sysfs/drm.ts';

export interface AmdgpuCardTexts {
  readonly card: string;
  readonly attrs: Partial<Record<AmdgpuNumber | AmdgpuText, string>>;
}

/**
 * The amdgpu cards among /sys/class/drm/card[0-9] (none when the class is missing), with the attributes
 * that could be read. A card whose uevent answers ENODATA is skipped; another uevent error, or a device
 * link that does not resolve, is thrown (procfs fails there).
 */
export async function readAmdgpuCards(kfs: KernelFs, deadline: number): Promise<AmdgpuCardTexts[]> {
  const root = kfs.sys('class', 'drm');
  const cards: string[] = [];
  for (const card of kfs.listOptionalSync(root).filter(isDrmCard)) {
    let uevent: string;
    try {
      uevent = kfs.attrOrThrowSync(join(root, card, 'device', 'uevent'));
    } catch (err) {
      if (errnoCode(err) === 'ENODATA') continue;
      throw err;
    }
    if (!isAmdgpuUevent(uevent)) continue;
    if (kfs.realPathOptionalSync(join(root, card, 'device')) === undefined) throw new Error(`cannot resolve ${join(root, card, 'device')}`);
    cards.push(card);
  }
  return Promise.all(
    cards.map(async (card) => {
      const results = await readAttrs(kfs, join(root, card, 'device'), [...AMDGPU_NUMBERS, ...AMDGPU_TEXTS], deadline);
      const attrs: Partial<Record<AmdgpuNumber | AmdgpuText, string>> = {};
      for (const [name, r] of Object.entries(results) as [AmdgpuNumber | AmdgpuText, (typeof results)[AmdgpuNumber]][]) if (r.ok) attrs[name] = r.text;
      return { card, attrs };
    }),
  );
}
