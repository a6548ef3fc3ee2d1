import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, samples, stable } from '../helpers/scrape.ts';
import { procTree, success, treeScraper } from './procTree.ts';

const HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const line = (i: number, st: number, tx = 0, rx = 0): string =>
  `${String(i).padStart(4)}: 0101A8C0:${(1024 + (i % 60000)).toString(16).toUpperCase().padStart(4, '0')} 6401A8C0:01BB ${st.toString(16).toUpperCase().padStart(2, '0')} ${tx.toString(16).toUpperCase().padStart(8, '0')}:${rx.toString(16).toUpperCase().padStart(8, '0')} 00:00000000 00000000     0        0 ${10000 + i} 1 0000000000000000 20 4 30 10 -1\n`;

describe('tcpstat collector', () => {
  it('matches the golden exposition on the router fixture (IPv4 and IPv6 tables together)', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.tcpstat']).scrape();
    expectGolden('router/tcpstat.prom', stable(text));
    expect(samples(text, 'node_tcp_connection_states').sort()).toEqual([
      'node_tcp_connection_states{state="close_wait"} 1',
      'node_tcp_connection_states{state="established"} 4',
      'node_tcp_connection_states{state="fin_wait2"} 1',
      'node_tcp_connection_states{state="last_ack"} 1',
      'node_tcp_connection_states{state="listen"} 9',
      'node_tcp_connection_states{state="rx_queued_bytes"} 449',
      'node_tcp_connection_states{state="syn_recv"} 1',
      'node_tcp_connection_states{state="time_wait"} 3',
      'node_tcp_connection_states{state="tx_queued_bytes"} 1497',
    ]);
  });

  it('streams a busy router\'s table (120 000 sockets, 18 MB) line by line', async () => {
    const chunks: string[] = [HEADER];
    for (let i = 0; i < 120_000; i++) chunks.push(line(i, i % 10 === 0 ? 6 : 1, i % 1000 === 0 ? 100 : 0, 1));
    const text = await treeScraper(procTree({ 'net/tcp': chunks.join('') }), ['tcpstat']).scrape();
    expect(samples(text, 'node_tcp_connection_states').sort()).toEqual([
      'node_tcp_connection_states{state="established"} 108000',
      'node_tcp_connection_states{state="rx_queued_bytes"} 120000',
      'node_tcp_connection_states{state="time_wait"} 12000',
      'node_tcp_connection_states{state="tx_queued_bytes"} 12000',
    ]);
  });

  it('counts IPv4 alone on a kernel without IPv6, names an unknown state "unknown", and skips a broken line', async () => {
    const text = await treeScraper(procTree({ 'net/tcp': HEADER + line(0, 10) + line(1, 0x0c) + '   2: broken\n' + line(3, 1, 5, 7) }), ['tcpstat']).scrape();
    expect(samples(text, 'node_tcp_connection_states').sort()).toEqual([
      'node_tcp_connection_states{state="established"} 1',
      'node_tcp_connection_states{state="listen"} 1',
      'node_tcp_connection_states{state="rx_queued_bytes"} 7',
      'node_tcp_connection_states{state="tx_queued_bytes"} 5',
      'node_tcp_connection_states{state="unknown"} 1',
    ]);
  });

  it('exports no series for empty tables, and drops a state that is gone on the next scrape', async () => {
    const root = procTree({ 'net/tcp': HEADER, 'net/tcp6': HEADER });
    const scraper = treeScraper(root, ['tcpstat']);
    let text = await scraper.scrape();
    expect(samples(text, 'node_tcp_connection_states')).toEqual([]);
    expect(success(text, 'tcpstat')).toBe(1);
    writeFileSync(join(root, 'proc/net/tcp'), HEADER + line(0, 6));
    expect(samples(await scraper.scrape(), 'node_tcp_connection_states')).toContain('node_tcp_connection_states{state="time_wait"} 1');
    writeFileSync(join(root, 'proc/net/tcp'), HEADER + line(0, 10));
    text = await scraper.scrape();
    expect(samples(text, 'node_tcp_connection_states').filter((l) => l.includes('time_wait'))).toEqual([]);
  });

  it.each([
    ['missing', {}],
    ['garbage', { 'net/tcp': 'what is this\n' }],
  ])('reports success 0 when /proc/net/tcp is %s', async (_name, files: Record<string, string>) => {
    const text = await treeScraper(procTree(files), ['tcpstat']).scrape();
    expect(text).not.toMatch(/^node_tcp_connection_states/m);
    expect(success(text, 'tcpstat')).toBe(0);
  });
});
