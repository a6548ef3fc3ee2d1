// The kernel's NTP state, as adjtimex(2) returns it, without native code: Node.js cannot make a system
// call, so a tiny fixed Perl program makes it (Perl's built-in syscall(); perl-base is Essential on
// Debian, so it is on every Debian system) and prints the return value and the fields of struct timex
// on one line. This module holds that program, the system call numbers, and the pure parser of the line.

/** adjtimex(2)'s number per Node.js architecture (asm/unistd.h); absent: not supported here. */
const ADJTIMEX_SYSCALL: Readonly<Record<string, number>> = {
  x64: 159,
  arm64: 171,
  riscv64: 171,
  loong64: 171,
  arm: 124,
  ia32: 124,
  ppc64: 124,
  s390x: 124,
  mips: 4124,
  mipsel: 4124,
};

export function adjtimexSyscallNumber(arch: string): number | undefined {
  return ADJTIMEX_SYSCALL[arch];
}

/**
 * Calls adjtimex with modes = 0 (read only, allowed unprivileged) on a zeroed struct timex and prints
 * "<return value> <fields...>". The layout is unpacked with native int and long sizes and alignment
 * (`l!`, `x![l!]`), so it holds on 32- and 64-bit kernels alike; 208 bytes covers the struct's padding.
 */
export const ADJTIMEX_PERL = [
  'my $b = "\\0" x 208;',
  'my $r = syscall($ARGV[0], $b);',
  'if ($r < 0) { print STDERR "adjtimex: $!\\n"; exit 1 }',
  'print join(" ", $r, unpack("I x![l!] l! l! l! l! i x![l!] l! l! l! l! l! l! l! l! i x![l!] l! l! l! l! l! i", $b)), "\\n";',
].join(' ');

/** struct timex as returned by adjtimex(2), plus its return value (the clock state, TIME_OK..TIME_ERROR). */
export interface Timex {
  readonly state: number;
  readonly offset: number;
  readonly freq: number;
  readonly maxerror: number;
  readonly esterror: number;
  readonly status: number;
  readonly constant: number;
  readonly precision: number;
  readonly tolerance: number;
  readonly tick: number;
  readonly ppsfreq: number;
  readonly jitter: number;
  readonly shift: number;
  readonly stabil: number;
  readonly jitcnt: number;
  readonly calcnt: number;
  readonly errcnt: number;
  readonly stbcnt: number;
  readonly tai: number;
}

/** Number of integers on the line: return value, modes, 8 fields, timeval (2), 9 fields, tai. */
const FIELDS = 22;

/**
 * Parses the helper's line. Throws on anything but exactly 22 integers: a half-read struct would
 * produce plausible but wrong values, so the collector reports failure instead.
 */
export function parseAdjtimexLine(text: string): Timex {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== FIELDS || !parts.every((p) => /^-?\d+$/.test(p))) {
    throw new Error(`adjtimex helper: expected ${FIELDS} integers, got ${JSON.stringify(text.slice(0, 200))}`);
  }
  const n = parts.map(Number);
  const at = (i: number): number => n[i] as number;
  // [0] return value, [1] modes, [2..9] offset freq maxerror esterror status constant precision tolerance,
  // [10..11] time, [12] tick, [13..20] ppsfreq jitter shift stabil jitcnt calcnt errcnt stbcnt, [21] tai
  return {
    state: at(0),
    offset: at(2),
    freq: at(3),
    maxerror: at(4),
    esterror: at(5),
    status: at(6),
    constant: at(7),
    precision: at(8),
    tolerance: at(9),
    tick: at(12),
    ppsfreq: at(13),
    jitter: at(14),
    shift: at(15),
    stabil: at(16),
    jitcnt: at(17),
    calcnt: at(18),
    errcnt: at(19),
    stbcnt: at(20),
    tai: at(21),
  };
}
