import { describe, expect, it } from 'vitest';
import { parseNetStatTable } from '../../src/procfs/netStatTable.ts';

const ARP = `entries  allocs destroys hash_grows  lookups hits  res_failed  rcv_probes_mcast rcv_probes_ucast  periodic_gc_runs forced_gc_runs unresolved_discards table_fulls
00000014  00000001 00000002 00000003  00000004 00000005  00000006  00000007 00000008  00000009 0000000a 0000000b 0000000c
00000014  0000000d 0000000e 0000000f  00000010 00000011  00000012  00000013 00000014  00000015 00000016 00000017 FFFFFFFFFFFFFFFF
`;

describe('parseNetStatTable', () => {
  it('reads one value per CPU line for each column, in header order', () => {
    const t = parseNetStatTable(ARP);
    expect([...t.keys()]).toEqual(['entries', 'allocs', 'destroys', 'hash_grows', 'lookups', 'hits', 'res_failed', 'rcv_probes_mcast', 'rcv_probes_ucast', 'periodic_gc_runs', 'forced_gc_runs', 'unresolved_discards', 'table_fulls']);
    expect(t.get('entries')).toEqual([20, 20]);
    expect(t.get('allocs')).toEqual([1, 13]);
    expect(t.get('forced_gc_runs')).toEqual([10, 22]);
    expect(t.get('table_fulls')).toEqual([12, 18446744073709551615]);
  });
  it.each([
    ['an empty file', '', 0],
    ['a header alone', 'entries allocs\n', 0],
    ['a short line (its columns only)', 'entries allocs\n00000001\n', 1],
    ['blank lines', 'entries allocs\n\n00000001 00000002\n\n', 2],
  ])('reads %s', (_name, text, columns) => {
    expect(parseNetStatTable(text).size).toBe(columns);
  });
  it.each([
    ['a field that is not hex', 'entries allocs\n00000001 0000000g\n', /not a hex counter/],
    ['a hex prefix', 'entries allocs\n0x1 0x2\n', /not a hex counter/],
    ['more than 64 bits', 'entries\n10000000000000000\n', /not a hex counter/],
    ['more fields than the header', 'entries allocs\n00000001 00000002 00000003\n', /more fields than its header/],
  ])('fails on %s', (_name, text, err) => {
    expect(() => parseNetStatTable(text)).toThrow(err);
  });
});
