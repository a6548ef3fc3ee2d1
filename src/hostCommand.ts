// Programs a collector runs instead of reading a file, where the kernel answers only over netlink or a
// system call Node.js cannot make: iw(8) for wifi, tc(8) for qdisc, Perl's syscall() for timex's
// adjtimex(2). One way to find them and one way to
// run them: no shell, a deadline shared by a scrape's runs (the program is killed with SIGKILL after
// it), bounded output, and failures told apart so that each collector can say what they mean for it.
import { execFile } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { isExecutable } from './hostFiles.ts';

/** Where a program is looked for after $PATH: daemons often run with a PATH without the sbin directories. */
const FALLBACK_DIRS = ['/usr/sbin', '/sbin', '/usr/bin', '/bin'];

/** The first executable `name` in $PATH, then in /usr/sbin, /sbin, /usr/bin, /bin; undefined if none. */
export function findCommand(name: string, pathEnv: string | undefined): string | undefined {
  const dirs = [...(pathEnv ?? '').split(delimiter).filter((d) => d.startsWith('/')), ...FALLBACK_DIRS];
  return dirs.map((dir) => join(dir, name)).find(isExecutable);
}

/**
 * The program a collector runs: the path its flag names (only if executable), else `name` from $PATH
 * or the sbin directories, looked up once and again after forget() (it may be installed later).
 */
export class CommandLocator {
  private found: string | undefined;
  constructor(
    private readonly name: string,
    /** The flag's value; '' to search. */
    private readonly configured: string,
  ) {}

  /** The path to run, or undefined (then missing() says why). */
  locate(): string | undefined {
    if (this.configured !== '') return isExecutable(this.configured) ? this.configured : undefined;
    return (this.found ??= findCommand(this.name, process.env.PATH));
  }

  /** Why locate() found nothing. */
  missing(): string {
    return this.configured !== '' ? `${this.configured} is not an executable file` : `${this.name} not found in $PATH or ${FALLBACK_DIRS.join(', ')}`;
  }

  /** The program could not be run: search again next time. */
  forget(): void {
    this.found = undefined;
  }
}

/**
 * A run that did not print its answer:
 *   unrunnable  the program could not be started (ENOENT, EACCES: `code`);
 *   timeout     still running at the deadline, killed;
 *   failed      it exited non-zero or by a signal (`stderr` holds what it said).
 */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly kind: 'unrunnable' | 'timeout' | 'failed',
    readonly stderr: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

export interface RunOptions {
  /** performance.now() time by which the program must have answered. */
  readonly deadline: number;
  /** The flag that sets the deadline, named in the timeout message. */
  readonly timeoutFlag: string;
  /** Bytes of output accepted (more fails the run). */
  readonly maxOutput: number;
}

/** Runs path with args (no shell) and resolves to its standard output. */
export function runCommand(path: string, args: readonly string[], opts: RunOptions): Promise<string> {
  const timeout = Math.ceil(opts.deadline - performance.now());
  const what = `${path} ${args.join(' ')}`;
  if (timeout <= 0) return Promise.reject(new CommandError(`${what}: not started, --${opts.timeoutFlag} already spent`, 'timeout', ''));
  return new Promise((resolve, reject) => {
    execFile(path, [...args], { timeout, maxBuffer: opts.maxOutput, killSignal: 'SIGKILL', encoding: 'utf8' }, (err, stdout, stderr) => {
      if (!err) {
        resolve(stdout);
        return;
      }
      const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null };
      if (e.code === 'ENOENT' || e.code === 'EACCES') {
        reject(new CommandError(`${path} cannot be run (${e.code})`, 'unrunnable', '', e.code));
      } else if (e.killed && e.signal === 'SIGKILL') {
        reject(new CommandError(`${what} timed out after ${timeout} ms (--${opts.timeoutFlag})`, 'timeout', stderr));
      } else {
        reject(new CommandError(`${what} failed: ${stderr.trim().split('\n')[0] || e.message}`, 'failed', stderr));
      }
    });
  });
}
