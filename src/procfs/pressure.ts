// /proc/pressure/{cpu,io,memory,irq} (pressure stall information, Linux >= 4.20 with CONFIG_PSI):
//   some avg10=0.00 avg60=0.00 avg300=0.00 total=14036781
//   full avg10=0.00 avg60=0.00 avg300=0.00 total=0
// "some": share of time at least one task was stalled on the resource; "full": all non-idle tasks were
// stalled at once. avg* are percentages, total is cumulative microseconds. cpu has a "full" line since
// Linux 5.13; irq (Linux >= 6.1 with CONFIG_IRQ_TIME_ACCOUNTING) has only "full".
export interface PsiLine {
  readonly avg10: number;
  readonly avg60: number;
  readonly avg300: number;
  /** Cumulative stall time in microseconds (a float64 of the kernel's u64). */
  readonly total: number;
}

export interface PsiStats {
  readonly some?: PsiLine;
  readonly full?: PsiLine;
}

const LINE = /^(some|full)\s+avg10=(\d+(?:\.\d+)?)\s+avg60=(\d+(?:\.\d+)?)\s+avg300=(\d+(?:\.\d+)?)\s+total=(\d+)\s*$/;

/**
 * Parses one pressure file. Lines of another kind (a future one) and malformed lines are skipped, so a
 * missing "some"/"full" is reported as absent and the caller decides what that means.
 */
export function parsePressure(text: string): PsiStats {
  let some: PsiLine | undefined;
  let full: PsiLine | undefined;
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const rec: PsiLine = { avg10: Number(m[2]), avg60: Number(m[3]), avg300: Number(m[4]), total: Number(m[5]) };
    if (m[1] === 'some') some = rec;
    else full = rec;
  }
  return { ...(some ? { some } : {}), ...(full ? { full } : {}) };
}
