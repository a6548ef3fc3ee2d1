import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

const stat = (pid: number, comm: string, state: string, threads: number): string =>
  `${pid} (${comm}) ${state} 1 ${pid} ${pid} 0 -1 4194560 10 0 0 0 1 2 0 0 20 0 ${threads} 0 100 1000000 50 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n`;
const LIMITS = { 'sys/kernel/threads-max': '7573\n', 'sys/kernel/pid_max': '32768\n' };

describe('processes collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.processes']).scrape();
    expectGolden('router/processes.prom', stable(text));
    expect(samples(text, 'node_processes_pids')).toEqual(['node_processes_pids 12']);
    expect(samples(text, 'node_processes_threads')).toEqual(['node_processes_threads 19']);
    expect(samples(text, 'node_processes_state').sort()).toEqual([
      'node_processes_state{state="D"} 1',
      'node_processes_state{state="I"} 2',
      'node_processes_state{state="R"} 1',
      'node_processes_state{state="S"} 7',
      'node_processes_state{state="Z"} 1',
    ]);
    expect(samples(text, 'node_processes_threads_state').sort()).toEqual([
      'node_processes_threads_state{thread_state="D"} 1',
      'node_processes_threads_state{thread_state="I"} 2',
      'node_processes_threads_state{thread_state="R"} 2',
      'node_processes_threads_state{thread_state="S"} 13',
      'node_processes_threads_state{thread_state="Z"} 1',
    ]);
    expect(samples(text, 'node_processes_max_threads')).toEqual(['node_processes_max_threads 7573']);
    expect(samples(text, 'node_processes_max_processes')).toEqual(['node_processes_max_processes 32768']);
  });

  it('drops a process that exited between two scrapes, and a state nobody is in any more', async () => {
    const root = procTree({ ...LIMITS, '1/stat': stat(1, 'procd', 'S', 1), '77/stat': stat(77, 'ubusd', 'S', 1), '99/stat': stat(99, 'opkg', 'D', 3) });
    const scraper = treeScraper(root, ['processes']);
    let text = await scraper.scrape();
    expect(samples(text, 'node_processes_pids')).toEqual(['node_processes_pids 3']);
    expect(samples(text, 'node_processes_state').sort()).toEqual(['node_processes_state{state="D"} 1', 'node_processes_state{state="S"} 2']);
    rmSync(join(root, 'proc/99'), { recursive: true });
    text = await scraper.scrape();
    expect(samples(text, 'node_processes_pids')).toEqual(['node_processes_pids 2']);
    expect(samples(text, 'node_processes_threads')).toEqual(['node_processes_threads 2']);
    expect(samples(text, 'node_processes_state')).toEqual(['node_processes_state{state="S"} 2']);
  });

  it('skips a process directory without stat (exited while listed) and an unparsable stat', async () => {
    const root = procTree({ ...LIMITS, '1/stat': stat(1, 'procd', 'S', 1), '55/cmdline': '', '56/stat': 'garbage\n', 'self/stat': stat(1, 'procd', 'S', 1) });
    const text = await treeScraper(root, ['processes']).scrape();
    expect(samples(text, 'node_processes_pids')).toEqual(['node_processes_pids 1']);
    expect(success(text, 'processes')).toBe(1);
    // No task/ directories here (as in node_exporter's own fixture): no thread states.
    expect(samples(text, 'node_processes_threads_state')).toEqual([]);
  });

  it.each([
    ['threads-max', { 'sys/kernel/pid_max': '32768\n' }],
    ['pid_max', { 'sys/kernel/threads-max': '7573\n' }],
  ])('reports success 0 and exports nothing without %s', async (_name, limits: Record<string, string>) => {
    const text = await treeScraper(procTree({ ...limits, '1/stat': stat(1, 'procd', 'S', 1) }), ['processes']).scrape();
    expect(text).not.toMatch(/^node_processes_/m);
    expect(success(text, 'processes')).toBe(0);
  });

  it('counts a thread that exited between the task listing and its read as gone', async () => {
    const root = procTree({ ...LIMITS, '10/stat': stat(10, 'hostapd', 'S', 2), '10/task/10/stat': stat(10, 'hostapd', 'S', 2), '10/task/11/stat': stat(11, 'hostapd', 'R', 2) });
    const scraper = treeScraper(root, ['processes']);
    expect(samples(await scraper.scrape(), 'node_processes_threads_state').sort()).toEqual(['node_processes_threads_state{thread_state="R"} 1', 'node_processes_threads_state{thread_state="S"} 1']);
    rmSync(join(root, 'proc/10/task/11/stat'));
    writeFileSync(join(root, 'proc/10/stat'), stat(10, 'hostapd', 'S', 1));
    const text = await scraper.scrape();
    expect(samples(text, 'node_processes_threads_state')).toEqual(['node_processes_threads_state{thread_state="S"} 1']);
    expect(samples(text, 'node_processes_threads')).toEqual(['node_processes_threads 1']);
  });
});
