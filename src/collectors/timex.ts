// node_timex_* (node_exporter's timex collector): the kernel's NTP discipline state from adjtimex(2).
// Node.js cannot make the system call itself, so a fixed Perl one-liner makes it (src/syscall/adjtimex.ts);
// without Perl (OpenWrt), or on an architecture whose call number we do not know, the collector reports
// no data (success 0, logged at debug level). Values and scaling are node_exporter's.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { CommandError, runCommand } from '../hostCommand.ts';
import { ADJTIMEX_PERL, adjtimexSyscallNumber, parseAdjtimexLine } from '../syscall/adjtimex.ts';
import type { Timex } from '../syscall/adjtimex.ts';

const PERL_FLAG = 'collector.timex.perl';
/** adjtimex's return value when the clock is not synchronised. */
const TIME_ERROR = 5;
/** STA_NANO: offset and jitter are in nanoseconds rather than microseconds. */
const STA_NANO = 0x2000;
/** Frequencies are in ppm with a 16-bit fractional part. */
const PPM16 = 1_000_000 * 65_536;

/** The Perl one-liner's output line; no Perl (OpenWrt) is no data, any other failure an error. */
async function runHelper(perl: string, syscallNumber: number, deadline: number): Promise<string> {
  try {
    // At most 2 s (the call answers at once), and never past the scrape's deadline.
    return await runCommand(perl, ['-e', ADJTIMEX_PERL, String(syscallNumber)], { deadline: Math.min(deadline, performance.now() + 2000), timeoutFlag: 'web.scrape-timeout', maxOutput: 4096 });
  } catch (err) {
    if (err instanceof CommandError && err.kind === 'unrunnable' && err.code === 'ENOENT') throw new NoDataError(`${perl} not found: node_timex_* need Perl to call adjtimex(2)`);
    throw err;
  }
}

export const timex: CollectorDefinition = {
  name: 'timex',
  defaultEnabled: true,
  help: 'Exposes selected adjtimex(2) system call stats (made through Perl; no data without it).',
  flags: [
    {
      name: PERL_FLAG,
      type: 'string',
      default: '/usr/bin/perl',
      help: 'Perl interpreter that makes the adjtimex(2) call (Node.js cannot make system calls).',
    },
  ],
  create: (env) => {
    const perl = env.flags.string(PERL_FLAG) ?? '/usr/bin/perl';
    const syscallNumber = adjtimexSyscallNumber(process.arch);
    return {
      async update(ctx) {
        if (syscallNumber === undefined) throw new NoDataError(`adjtimex(2) call number unknown on ${process.arch}`);
        const t: Timex = parseAdjtimexLine(await runHelper(perl, syscallNumber, ctx.deadline));
        const divisor = (t.status & STA_NANO) !== 0 ? 1e9 : 1e6;
        const g = (name: string, help: string, value: number): void => ctx.gauge(name, help).set(value);
        const c = (name: string, help: string, value: number): void => ctx.counter(name, help).set(value);
        g('node_timex_sync_status', 'Is clock synchronized to a reliable server (1 = yes, 0 = no).', t.state === TIME_ERROR ? 0 : 1);
        g('node_timex_offset_seconds', 'Time offset in between local system and reference clock.', t.offset / divisor);
        g('node_timex_frequency_adjustment_ratio', 'Local clock frequency adjustment.', 1 + t.freq / PPM16);
        g('node_timex_maxerror_seconds', 'Maximum error in seconds.', t.maxerror / 1e6);
        g('node_timex_estimated_error_seconds', 'Estimated error in seconds.', t.esterror / 1e6);
        g('node_timex_status', 'Value of the status array bits.', t.status);
        g('node_timex_loop_time_constant', 'Phase-locked loop time constant.', t.constant);
        g('node_timex_tick_seconds', 'Seconds between clock ticks.', t.tick / 1e6);
        g('node_timex_pps_frequency_hertz', 'Pulse per second frequency.', t.ppsfreq / PPM16);
        g('node_timex_pps_jitter_seconds', 'Pulse per second jitter.', t.jitter / divisor);
        g('node_timex_pps_shift_seconds', 'Pulse per second interval duration.', t.shift);
        g('node_timex_pps_stability_hertz', 'Pulse per second stability, average of recent frequency changes.', t.stabil / PPM16);
        c('node_timex_pps_jitter_total', 'Pulse per second count of jitter limit exceeded events.', t.jitcnt);
        c('node_timex_pps_calibration_total', 'Pulse per second count of calibration intervals.', t.calcnt);
        c('node_timex_pps_error_total', 'Pulse per second count of calibration errors.', t.errcnt);
        c('node_timex_pps_stability_exceeded_total', 'Pulse per second count of stability limit exceeded events.', t.stbcnt);
        g('node_timex_tai_offset_seconds', 'International Atomic Time (TAI) offset.', t.tai);
      },
    };
  },
};
