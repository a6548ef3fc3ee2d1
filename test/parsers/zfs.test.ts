import { describe, expect, it } from 'vitest';
import { parseZfsKstats, parseZfsObjset, parseZfsPoolIo, parseZfsPoolState, zfsMetricName } from '../../src/procfs/zfs.ts';

const HEAD = '6 1 0x01 91 4368 5266997922 97951858082072\nname                            type data\n';

describe('parseZfsKstats', () => {
  it('reads the int64 and uint64 rows after the header and ignores other types', () => {
    const text = `${HEAD}hits                            4    8772612\nc_min                           4    33554432\narc_no_grow                     1    0\nmemory_available_bytes          3    -1234\nname_str                        7    zfs\n`;
    expect(parseZfsKstats(text, 'arcstats')).toEqual([
      { name: 'hits', value: 8772612 },
      { name: 'c_min', value: 33554432 },
      { name: 'memory_available_bytes', value: -1234 },
    ]);
  });
  it('ignores lines before the header and short lines after it', () => {
    expect(parseZfsKstats(`junk 4 7\n${HEAD}short 4\nerpt-dropped 4 18\n`, 'fm')).toEqual([{ name: 'erpt-dropped', value: 18 }]);
  });
  it('has nothing but a header for an empty table', () => {
    expect(parseZfsKstats(HEAD, 'zil')).toEqual([]);
  });
  it.each([
    ['no header', 'hits 4 5\n', /did not parse a single "arcstats" metric/],
    ['an empty file', '', /did not parse a single/],
    ['a bad uint64', `${HEAD}hits 4 -5\n`, /unsigned integer value for "kstat.zfs.misc.arcstats.hits"/],
    ['a uint64 overflow', `${HEAD}hits 4 18446744073709551616\n`, /unsigned integer/],
    ['a bad int64', `${HEAD}delta 3 1.5\n`, /signed integer value for "kstat.zfs.misc.arcstats.delta"/],
  ])('throws on %s', (_, text, err) => {
    expect(() => parseZfsKstats(text, 'arcstats')).toThrow(err);
  });
});

describe('parseZfsPoolIo', () => {
  const io =
    '12 3 0x00 1 80 79205351707403 395818011156865\nnread    nwritten reads    writes   wtime    wlentime wupdate  rtime    rlentime rupdate  wcnt     rcnt    \n1884160  3206144  22       132      7155162  104112268 79210489694949 24168078 104112268 79210489849220 0        0       \n';
  it('pairs the columns of the header with the values below it', () => {
    const rows = parseZfsPoolIo(io);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.slice(0, 3)).toEqual([
      { name: 'nread', value: 1884160 },
      { name: 'nwritten', value: 3206144 },
      { name: 'reads', value: 22 },
    ]);
    expect(rows[0]).toHaveLength(12);
  });
  it('has no rows without a header of at least 12 columns', () => {
    expect(parseZfsPoolIo('nread nwritten\n1 2\n')).toEqual([]);
  });
  it.each([
    ['a short row', io.replace('0        0       \n', '\n'), /6 values for 12 columns|values for 12 columns/],
    ['a negative value', io.replace('1884160', '-1'), /kstat.zfs.misc.io.nread/],
  ])('throws on %s', (_, text, err) => {
    expect(() => parseZfsPoolIo(text)).toThrow(err);
  });
});

describe('parseZfsObjset', () => {
  const objset = '23 1 0x01 7 2160 221578688875 6665999035587\nname                            type data\ndataset_name                    7    pool3/dataset with  space\nwrites                          4    4\nnwritten                        4    12302\nnunlinks                        1    3\n';
  it('takes the dataset name with its inner spaces and the uint64 rows', () => {
    expect(parseZfsObjset(objset)).toEqual([
      { name: 'writes', value: 4, dataset: 'pool3/dataset with  space' },
      { name: 'nwritten', value: 12302, dataset: 'pool3/dataset with  space' },
    ]);
  });
  it('takes the rest of the line from the first occurrence of the first word, as node_exporter does', () => {
    // "name" first occurs inside "dataset_name"
    expect(parseZfsObjset('name type data\ndataset_name 7 name\nreads 4 1\n')).toEqual([{ name: 'reads', value: 1, dataset: 'name 7 name' }]);
  });
  it('leaves rows before the dataset_name row without a dataset', () => {
    expect(parseZfsObjset('name type data\nreads 4 1\n')).toEqual([{ name: 'reads', value: 1, dataset: undefined }]);
  });
  it.each([
    ['no header', 'dataset_name 7 tank\nreads 4 1\n', /did not parse a single objset metric/],
    ['a bad value', 'name type data\ndataset_name 7 tank\nreads 4 x\n', /kstat.zfs.misc.objset.reads/],
  ])('throws on %s', (_, text, err) => {
    expect(() => parseZfsObjset(text)).toThrow(err);
  });
});

describe('parseZfsPoolState and zfsMetricName', () => {
  it.each([
    ['ONLINE\n', 'online'],
    ['SUSPENDED', 'suspended'],
    ['', ''],
    ['DEGRADED\nextra\n', 'degraded'],
  ])('state %j -> %j', (text, want) => {
    expect(parseZfsPoolState(text)).toBe(want);
  });
  it.each([
    ['erpt-dropped', 'erpt_dropped'],
    ['hits', 'hits'],
    ['a.b-c', 'b_c'],
  ])('metric name of %j is %j', (name, want) => {
    expect(zfsMetricName(name)).toBe(want);
  });
});
