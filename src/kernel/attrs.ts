// Reading a set of named attributes of one sysfs directory, keeping each one's error: synchronously for
// attributes that are kernel memory, off the event loop (cut at the deadline) for those a driver
// answers. Class readers decide, per attribute, which is which.
import { join } from 'node:path';
import type { KernelFs } from './kernelFs.ts';
import { classifyReadError } from './readErrors.ts';

/** An attribute's trimmed text, or the error that made it unreadable (anything but a stuck read). */
export type AttrResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly err: unknown };

/** Reads the named attributes of dir concurrently; a read still stuck at the deadline throws StuckReadError. */
export async function readAttrs<const N extends string>(kfs: KernelFs, dir: string, names: readonly N[], deadline: number): Promise<Record<N, AttrResult>> {
  const texts = await kfs.attrsMany(
    names.map((n) => join(dir, n)),
    deadline,
  );
  return toRecord(
    names,
    texts.map((t): AttrResult => (t instanceof Error ? { ok: false, err: t } : { ok: true, text: t })),
  );
}

/** The named attributes of dir read synchronously (kernel memory, no driver call). */
export function readAttrsSync<const N extends string>(kfs: KernelFs, dir: string, names: readonly N[]): Record<N, AttrResult> {
  return toRecord(
    names,
    names.map((n): AttrResult => {
      try {
        return { ok: true, text: kfs.attrOrThrowSync(join(dir, n)) };
      } catch (err) {
        return { ok: false, err };
      }
    }),
  );
}

/** Sync and async attributes of one directory in one record. */
export async function readAttrsMixed<const S extends string, const A extends string>(
  kfs: KernelFs,
  dir: string,
  sync: readonly S[],
  async: readonly A[],
  deadline: number,
): Promise<Record<S | A, AttrResult>> {
  const fast = readAttrsSync(kfs, dir, sync);
  const slow = await readAttrs(kfs, dir, async, deadline);
  return { ...fast, ...slow };
}

/**
 * The texts of the attributes that could be read, by name; one that is missing (ENOENT) is left out,
 * any other error is thrown (procfs's "os.IsNotExist: continue; else fail").
 */
export function presentOrThrow<N extends string>(attrs: Record<N, AttrResult>): Partial<Record<N, string>> {
  const out: Partial<Record<N, string>> = {};
  for (const [name, r] of Object.entries(attrs) as [N, AttrResult][]) {
    if (r.ok) out[name] = r.text;
    else if (classifyReadError(r.err) !== 'missing') throw r.err;
  }
  return out;
}

function toRecord<N extends string>(names: readonly N[], results: readonly AttrResult[]): Record<N, AttrResult> {
  const out = {} as Record<N, AttrResult>;
  names.forEach((n, i) => {
    out[n] = results[i] as AttrResult;
  });
  return out;
}
