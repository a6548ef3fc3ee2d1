import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TcOutputError, parseTcQdiscs } from '../../src/tc/qdiscShow.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const ZERO = { bytes: 0, packets: 0, drops: 0, overlimits: 0, requeues: 0, backlog: 0, qlen: 0 };

describe('parseTcQdiscs (tc -s -j qdisc show)', () => {
  it('parses the router output: roots, mq children, ingress, cake with tins', () => {
    const q = parseTcQdiscs(readFileSync(join(FIXTURES, 'router/tc/tc-qdisc.json'), 'utf8'));
    expect(q).toHaveLength(18);
    expect(q.filter((x) => x.parent === undefined).map((x) => `${x.dev}:${x.kind}`)).toEqual([
      'lo:noqueue',
      'eth0:mq',
      'lan1:noqueue',
      'br-lan:noqueue',
      'eth0.2:noqueue',
      'br-lan.10:noqueue',
      'pppoe-wan:cake',
      'wg0:noqueue',
      'phy0-ap0:noqueue',
      'lan2:noqueue',
      'lan3:noqueue',
      'bond0:noqueue',
      'ifb4pppoe-wan:cake',
    ]);
    // The qdisc's own statistics, not those of cake's tins (which also have "drops").
    expect(q.find((x) => x.dev === 'pppoe-wan' && x.kind === 'cake')).toEqual({
      kind: 'cake',
      dev: 'pppoe-wan',
      handle: '8001:',
      parent: undefined,
      bytes: 89876543210,
      packets: 4812345678,
      drops: 18342,
      overlimits: 1203456,
      requeues: 0,
      backlog: 3028,
      qlen: 2,
    });
    expect(q.filter((x) => x.parent !== undefined).map((x) => x.parent)).toEqual([':1', ':2', ':3', ':4', 'ffff:fff1']);
  });

  it('parses the node_exporter e2e fixture as tc prints it (fq repeats its "throttled" key)', () => {
    const q = parseTcQdiscs(readFileSync(join(FIXTURES, 'tc/node-exporter-e2e/tc-qdisc.json'), 'utf8'));
    expect(q).toEqual([
      { kind: 'fq', dev: 'wlan0', handle: '0:', parent: undefined, ...ZERO, bytes: 42, packets: 42, drops: 1, requeues: 1 },
      { kind: 'pfifo_fast', dev: 'eth0', handle: '0:', parent: undefined, ...ZERO, bytes: 83, packets: 83, requeues: 2 },
    ]);
  });

  it('drops the text tc writes for a qdisc kind it does not know (tc-tiny)', () => {
    const out = '[{"kind":"cake","handle":"8001:","dev":"wan","root":true,"refcnt":2,"options":{[Unknown qdisc, optlen=132] },"bytes":5,"packets":1,"drops":0,"overlimits":0,"requeues":0,"backlog":0,"qlen":0}]\n';
    expect(parseTcQdiscs(out)).toEqual([{ kind: 'cake', dev: 'wan', handle: '8001:', parent: undefined, ...ZERO, bytes: 5, packets: 1 }]);
  });

  it('treats a qdisc without "root" and without "parent" as a root (tcm_parent 0)', () => {
    expect(parseTcQdiscs('[{"kind":"noqueue","dev":"x"}]')).toEqual([
      { kind: 'noqueue', dev: 'x', handle: undefined, parent: undefined, bytes: undefined, packets: undefined, drops: undefined, overlimits: undefined, requeues: undefined, backlog: undefined, qlen: undefined },
    ]);
  });

  it('skips elements without a kind or a device, and leaves out statistics that are not counts', () => {
    const out = '[1,null,[],{"kind":"fq"},{"dev":"a"},{"kind":7,"dev":"a"},{"kind":"fq","dev":"b","root":true,"bytes":-1,"packets":"3","drops":1.5,"qlen":null}]';
    const q = parseTcQdiscs(out);
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ kind: 'fq', dev: 'b', bytes: undefined, packets: undefined, drops: undefined, qlen: undefined });
  });

  it('reads an empty list', () => {
    expect(parseTcQdiscs('[]\n')).toEqual([]);
  });

  it.each([
    ['empty output', ''],
    ['text output (no -j)', 'qdisc noqueue 0: dev lo root refcnt 2 \n'],
    ['truncated JSON', '[{"kind":"fq","dev":"a"'],
    ['an object, not an array', '{"kind":"fq","dev":"a"}'],
  ])('refuses %s', (_name, out) => {
    expect(() => parseTcQdiscs(out)).toThrow(TcOutputError);
  });
});
