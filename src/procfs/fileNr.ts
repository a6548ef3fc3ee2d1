// /proc/sys/fs/file-nr: "allocated\tfree\tmaximum\n", e.g. "1312\t0\t48486".
// The middle value (free handles) has been always 0 since Linux 2.6 and is not used.
export interface FileNr {
  readonly allocated: number;
  readonly maximum: number;
}

const UINT = /^\d+$/;

export function parseFileNr(text: string): FileNr {
  const parts = text.trim().split(/\s+/);
  const [allocated, , maximum] = parts;
  if (parts.length < 3 || allocated === undefined || maximum === undefined || !UINT.test(allocated) || !UINT.test(maximum)) {
    throw new Error(`unexpected file-nr content: ${JSON.stringify(text.slice(0, 80))}`);
  }
  return { allocated: Number(allocated), maximum: Number(maximum) };
}
