// /proc/swaps: one line per active swap area after a header, sizes in KiB.
//   Filename                                Type            Size            Used            Priority
//   /dev/zram0                              partition       253948          1536            100
import { parseGoInt64Base10 } from '../goparse.ts';
import { fields, scanLines } from '../gostrings.ts';

export interface SwapArea {
  readonly filename: string;
  readonly type: string;
  readonly sizeKiB: number;
  readonly usedKiB: number;
  readonly priority: number;
}

/** Parses the file (the first line is the header); like procfs, one malformed line fails it all. */
export function parseSwaps(text: string): SwapArea[] {
  return scanLines(text)
    .slice(1)
    .map((line) => {
      const f = fields(line);
      if (f.length < 5) throw new Error(`too few fields in swap string: ${JSON.stringify(line.slice(0, 80))}`);
      const num = (i: number, what: string): number => {
        // strconv.Atoi: a decimal int64.
        const v = parseGoInt64Base10(f[i] as string);
        if (v === undefined) throw new Error(`invalid swap ${what}: ${JSON.stringify((f[i] as string).slice(0, 40))}`);
        return v;
      };
      return { filename: f[0] as string, type: f[1] as string, sizeKiB: num(2, 'size'), usedKiB: num(3, 'used'), priority: num(4, 'priority') };
    });
}
