// The off-event-loop reader on real files and named pipes: a pipe without a writer blocks open(2) the
// way a hung driver blocks a sysfs read, so it stands in for a stuck attribute.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BlockingReader } from '../../src/kernel/blockingRead.ts';
import { StuckReadError, classifyReadError } from '../../src/kernel/readErrors.ts';

const dir = mkdtempSync(join(tmpdir(), 'lte-blocking-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fifos: string[] = [];
function fifo(name: string): string {
  const p = join(dir, name);
  execFileSync('mkfifo', [p]);
  fifos.push(p);
  return p;
}
/** Gives a pipe whose reader waits in open(2) a writer that writes `text` and goes: the read returns. */
function release(p: string, text = '1\n'): boolean {
  let fd: number;
  try {
    fd = openSync(p, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch {
    return false; // ENXIO: nobody is reading it
  }
  writeSync(fd, text);
  closeSync(fd);
  return true;
}
// A thread left in open(2) would keep the test process from exiting: every pipe gets its writer.
afterEach(async () => {
  for (const p of fifos.splice(0)) {
    for (let i = 0; i < 50 && !release(p); i++) await new Promise((r) => setTimeout(r, 10));
    rmSync(p, { force: true });
  }
});

const soon = (ms: number): number => performance.now() + ms;

/** release(), retried until the pool thread is in open(2) on the pipe (under load it may start late). */
async function releaseWhenOpened(p: string, text = '1\n'): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    if (release(p, text)) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}

describe('BlockingReader', () => {
  it('reads one chunk of a file, keeps its descriptor and re-reads it at offset 0', async () => {
    const r = new BlockingReader({ slots: 2, maxKept: 8 });
    const f = join(dir, 'temp1_input');
    writeFileSync(f, '41000\n');
    expect((await r.read(f, soon(1000))).toString()).toBe('41000\n');
    expect(r.keptCount).toBe(1);
    // Rewritten in place (same inode): the kept descriptor sees the new content.
    writeFileSync(f, '42500\n');
    expect((await r.read(f, soon(1000))).toString()).toBe('42500\n');
    expect(r.keptCount).toBe(1);
    // Replaced by a new file (a re-plugged device): the old descriptor is dropped.
    writeFileSync(`${f}.new`, '7\n');
    renameSync(`${f}.new`, f);
    expect((await r.read(f, soon(1000))).toString()).toBe('7\n');
    expect(r.keptCount).toBe(1);
    r.closeAll();
    expect(r.keptCount).toBe(0);
  });

  it.skipIf(!existsSync('/sys/class/net/lo/mtu'))('keeps a descriptor on real sysfs as one the kernel invalidates (ENODEV), not by stat', async () => {
    const r = new BlockingReader({ slots: 2, maxKept: 8 });
    const mtu = '/sys/class/net/lo/mtu';
    const first = (await r.read(mtu, soon(1000))).toString();
    expect(first).toMatch(/^\d+\n$/);
    expect((await r.read(mtu, soon(1000))).toString()).toBe(first);
    expect([r.keptCount, r.keptOnSysfsCount]).toEqual([1, 1]);
    // A fixture file (tmpfs, not sysfs) is kept too, and checked by its inode on each read.
    const f = join(dir, 'not-sysfs');
    writeFileSync(f, '1\n');
    await r.read(f, soon(1000));
    expect([r.keptCount, r.keptOnSysfsCount]).toEqual([2, 1]);
    r.closeAll();
  });

  it('reads at most max bytes in one read', async () => {
    const r = new BlockingReader({ slots: 1, maxKept: 0 });
    const f = join(dir, 'long');
    writeFileSync(f, 'x'.repeat(300));
    expect((await r.read(f, soon(1000))).length).toBe(128);
    expect((await r.read(f, soon(1000), 16)).length).toBe(16);
    expect(r.keptCount).toBe(0);
  });

  it('rejects with the classified error of a missing file or a directory', async () => {
    const r = new BlockingReader({ slots: 1, maxKept: 8 });
    const missing = await r.read(join(dir, 'nope'), soon(1000)).catch((e: unknown) => e);
    expect(classifyReadError(missing)).toBe('missing');
    const isDir = await r.read(dir, soon(1000)).catch((e: unknown) => e);
    expect(classifyReadError(isDir)).toBe('skip');
    expect(r.pendingCount).toBe(0);
  });

  it('cuts a stuck read at its deadline, keeps the event loop free, and never issues it again while pending', async () => {
    const r = new BlockingReader({ slots: 2, maxKept: 8 });
    const p = fifo('stuck');
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 10);
    const t0 = performance.now();
    const err = await r.read(p, soon(300)).catch((e: unknown) => e);
    const waited = performance.now() - t0;
    clearInterval(ticker);
    expect(err).toBeInstanceOf(StuckReadError);
    expect(classifyReadError(err)).toBe('stuck');
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(ticks).toBeGreaterThan(5); // timers ran while the read was stuck
    expect(r.pendingCount).toBe(1);
    // Known stuck: later reads fail at once, without a second open(2).
    const t1 = performance.now();
    const again = await Promise.all(Array.from({ length: 30 }, () => r.read(p, soon(5000)).catch((e: unknown) => e)));
    expect(performance.now() - t1).toBeLessThan(1000);
    for (const e of again) expect(e).toBeInstanceOf(StuckReadError);
    expect(r.pendingCount).toBe(1);
    // The driver answers: the pending read returns, and the next read is issued afresh.
    expect(await releaseWhenOpened(p, '55000\n')).toBe(true);
    for (let i = 0; i < 100 && r.pendingCount > 0; i++) await new Promise((res) => setTimeout(res, 10));
    expect(r.pendingCount).toBe(0);
    const next = r.read(p, soon(2000));
    for (let i = 0; i < 100 && !release(p, '56000\n'); i++) await new Promise((res) => setTimeout(res, 10));
    expect((await next).toString()).toBe('56000\n');
    expect(r.keptCount).toBe(0); // a pipe is not a regular file: never kept
  });

  it('a read joins the pending read of the same file until that read misses a deadline', async () => {
    const r = new BlockingReader({ slots: 2, maxKept: 8 });
    const p = fifo('joined');
    const a = r.read(p, soon(2000));
    const b = r.read(p, soon(2000));
    expect(r.pendingCount).toBe(1);
    await new Promise((res) => setTimeout(res, 50));
    expect(await releaseWhenOpened(p, 'v\n')).toBe(true);
    expect([(await a).toString(), (await b).toString()]).toEqual(['v\n', 'v\n']);
  });

  it('holds at most `slots` reads in the pool: with every slot stuck, other reads wait and are cut at their deadline', async () => {
    const r = new BlockingReader({ slots: 1, maxKept: 8 });
    const p = fifo('hog');
    const f = join(dir, 'fine');
    writeFileSync(f, 'ok\n');
    await expect(r.read(p, soon(100))).rejects.toBeInstanceOf(StuckReadError);
    await expect(r.read(f, soon(100))).rejects.toBeInstanceOf(StuckReadError);
    expect(await releaseWhenOpened(p)).toBe(true);
    for (let i = 0; i < 100 && r.pendingCount > 0; i++) await new Promise((res) => setTimeout(res, 10));
    expect((await r.read(f, soon(1000))).toString()).toBe('ok\n');
  });

  it('a file that answered fast goes to the pool at once: every slot stuck does not hold it up', async () => {
    const r = new BlockingReader({ slots: 1, maxKept: 8 });
    const f = join(dir, 'fast');
    writeFileSync(f, 'ok\n');
    expect((await r.read(f, soon(1000))).toString()).toBe('ok\n'); // kept, and known fast
    const p = fifo('hog2');
    await expect(r.read(p, soon(100))).rejects.toBeInstanceOf(StuckReadError);
    expect(r.slottedCount).toBe(1);
    // The one slot is pinned by the stuck read; the known-fast file does not need it.
    expect((await r.read(f, soon(1000))).toString()).toBe('ok\n');
    // A file never read before does: it waits for the slot and is cut at its deadline.
    const g = join(dir, 'unknown');
    writeFileSync(g, 'new\n');
    await expect(r.read(g, soon(100))).rejects.toBeInstanceOf(StuckReadError);
    expect(await releaseWhenOpened(p)).toBe(true);
    for (let i = 0; i < 100 && r.pendingCount > 0; i++) await new Promise((res) => setTimeout(res, 10));
    expect(r.slottedCount).toBe(0);
    expect((await r.read(g, soon(1000))).toString()).toBe('new\n');
    r.closeAll();
  });

  it('readMany: each file its bytes or its error, in order; a stuck one rejects the lot, and is not read again', async () => {
    const r = new BlockingReader({ slots: 2, maxKept: 8 });
    const a = join(dir, 'many-a');
    const b = join(dir, 'many-b');
    writeFileSync(a, 'A\n');
    writeFileSync(b, 'B\n');
    const got = await r.readMany([a, join(dir, 'many-missing'), b, dir], soon(1000));
    expect(got.map((x) => (x instanceof Error ? classifyReadError(x) : x.toString()))).toEqual(['A\n', 'missing', 'B\n', 'skip']);
    expect(await r.readMany([], soon(1000))).toEqual([]);
    const p = fifo('many-stuck');
    await expect(r.readMany([a, p, b], soon(100))).rejects.toBeInstanceOf(StuckReadError);
    expect(r.pendingCount).toBe(1);
    // Known stuck: rejected at once (a minute's deadline would outlast the test's timeout), and not issued again.
    await expect(r.readMany([a, p], soon(60_000))).rejects.toBeInstanceOf(StuckReadError);
    for (let i = 0; i < 100 && r.pendingCount > 1; i++) await new Promise((res) => setTimeout(res, 10));
    expect(r.pendingCount).toBe(1);
    expect(await releaseWhenOpened(p)).toBe(true);
    r.closeAll();
  });

  it('off sysfs, a directory unchanged since the last read stands for its files; a file renamed over one is still seen', async () => {
    const r = new BlockingReader({ slots: 2, maxKept: 8 });
    const d = join(dir, 'chip');
    mkdirSync(d);
    const f = join(d, 'temp1_input');
    writeFileSync(f, '1\n');
    const past = new Date(Date.now() - 60_000);
    utimesSync(d, past, past); // older than a second: its stamp can be trusted
    for (let i = 0; i < 3; i++) expect((await r.read(f, soon(1000 + i))).toString()).toBe('1\n');
    writeFileSync(`${f}.new`, '2\n');
    renameSync(`${f}.new`, f); // the directory's mtime moves
    expect((await r.read(f, soon(2000))).toString()).toBe('2\n');
    // In a directory changed within the last second, each file is stat()ed: a rename is seen at once too.
    writeFileSync(`${f}.new`, '3\n');
    renameSync(`${f}.new`, f);
    expect((await r.read(f, soon(2001))).toString()).toBe('3\n');
    r.closeAll();
  });

  it('a directory fails with EISDIR at once, without the pool', async () => {
    const r = new BlockingReader({ slots: 1, maxKept: 8 });
    const p = fifo('hog3');
    await expect(r.read(p, soon(50))).rejects.toBeInstanceOf(StuckReadError);
    // The only slot is stuck, yet the directory's answer comes at once.
    const err = await r.read(dir, soon(5000)).catch((e: unknown) => e);
    expect((err as NodeJS.ErrnoException).code).toBe('EISDIR');
    expect(await releaseWhenOpened(p)).toBe(true);
  });

  it('call(): a call that answered fast goes at once; one still running at its deadline holds a slot until it returns', async () => {
    const r = new BlockingReader({ slots: 1, maxKept: 8 });
    let release: (() => void) | undefined;
    const hang = (done: (err: Error | null, v?: string) => void): void => {
      release = () => done(null, 'late');
    };
    const quick = (done: (err: Error | null, v?: string) => void): void => {
      setImmediate(() => done(null, 'ok'));
    };
    expect(await r.call('nfs', quick, soon(1000))).toBe('ok'); // known fast from now on
    expect(await r.call('root', quick, soon(1000))).toBe('ok');
    const stuck = r.call('nfs', hang, soon(20)); // goes at once, without a slot
    expect(r.slottedCount).toBe(0);
    await new Promise((res) => setTimeout(res, 60));
    expect(r.slottedCount).toBe(1); // past its deadline: it holds the one slot
    // A key never seen waits for the slot; a known-fast one does not.
    let other = '';
    const waiting = r.call('other', quick, soon(1000)).then((v) => (other = v));
    expect(await r.call('root', quick, soon(1000))).toBe('ok');
    await new Promise((res) => setTimeout(res, 30));
    expect(other).toBe('');
    release?.();
    expect(await stuck).toBe('late');
    await waiting;
    expect(other).toBe('ok');
    expect(r.slottedCount).toBe(0);
  });
});
