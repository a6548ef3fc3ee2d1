import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';
import type { Node } from './sysTree.ts';
import { success } from './procTree.ts';

const onTree = (sys: string) => fixtureScraper(sysTreeFlags(sys, ['bonding']));

/** A master with its slaves' mii_status, linked as the kernel links them (lower_<slave>). */
function bond(master: string, slaves: Readonly<Record<string, string>>, prefix = 'lower_'): Record<string, Node> {
  const out: Record<string, Node> = { [`class/net/${master}`]: { link: `../../devices/virtual/net/${master}` }, [`devices/virtual/net/${master}/bonding/slaves`]: Object.keys(slaves).join(' ') };
  for (const [slave, status] of Object.entries(slaves)) {
    out[`class/net/${slave}`] = { link: `../../devices/virtual/net/${slave}` };
    out[`devices/virtual/net/${slave}/bonding_slave/mii_status`] = status;
    out[`devices/virtual/net/${master}/${prefix}${slave}`] = { link: `../${slave}` };
  }
  return out;
}

describe('bonding collector', () => {
  it('matches the golden exposition on the router fixture', async () => {
    const text = await fixtureScraper([...machineFlags('router'), '--collector.disable-defaults', '--collector.bonding']).scrape();
    expectGolden('router/bonding.prom', stable(text));
    expect(samples(text, 'node_bonding_slaves')).toEqual(['node_bonding_slaves{master="bond0"} 2']);
    expect(samples(text, 'node_bonding_active')).toEqual(['node_bonding_active{master="bond0"} 1']);
  });

  it('reports no data (success 0, debug only) without the bonding module', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper(sysTreeFlags(sysTree({ 'class/net/eth0/mtu': '1500' }), ['bonding']), log).scrape();
    expect(text).not.toMatch(/^node_bonding_/m);
    expect(success(text, 'bonding')).toBe(0);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it('counts a master without slaves, and reads slave_<name> links of older kernels', async () => {
    const sys = sysTree({ 'class/net/bonding_masters': 'bond0 bond1', ...bond('bond0', {}), ...bond('bond1', { eth1: 'up', eth2: 'going back' }, 'slave_') });
    const text = await onTree(sys).scrape();
    expect(samples(text, 'node_bonding_slaves')).toEqual(['node_bonding_slaves{master="bond0"} 0', 'node_bonding_slaves{master="bond1"} 2']);
    expect(samples(text, 'node_bonding_active')).toEqual(['node_bonding_active{master="bond0"} 0', 'node_bonding_active{master="bond1"} 1']);
  });

  it('leaves out a master that went away, or whose slave did, and serves the others', async () => {
    const sys = sysTree({
      'class/net/bonding_masters': 'gone bond0 bond1',
      ...bond('bond0', { eth1: 'up' }),
      'class/net/bond1': { link: '../../devices/virtual/net/bond1' },
      'devices/virtual/net/bond1/bonding/slaves': 'eth9',
    });
    const text = await onTree(sys).scrape();
    expect(success(text, 'bonding')).toBe(1);
    expect(samples(text, 'node_bonding_slaves')).toEqual(['node_bonding_slaves{master="bond0"} 1']);
  });
});
