import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  parseBtreeWriteStats,
  parseCompressionStats,
  parseCounter,
  parseErrors,
  parseHumanBytes,
  parseIoDone,
  parseIoErrors,
  sanitizeMetricName,
  scanLines,
} from '../../src/sysfs/bcachefs.ts';
import { FIXTURES } from '../helpers/scrape.ts';

const FS = join(FIXTURES, 'router/sys/fs/bcachefs/3f6b2a1e-8c4d-4e7a-9b15-0d2c7e9f4a61');
const read = (f: string): string => readFileSync(join(FS, f), 'utf8');

describe('bcachefs parsers', () => {
  it.each([
    ['720', 720],
    ['2.05G', 2201170739],
    ['62.5k', 64000],
    ['1.26K', 1290],
    ['10.8T', 11874725579980],
    [' 44.5T ', 48928267436032],
    ['0', 0],
    ['1e3', 1000],
  ])('human size %j', (s, want) => {
    expect(parseHumanBytes(s)).toBe(want);
  });
  it.each(['', 'G', '1.2X', '1,5k', '0x10'])('rejects the size %j', (s) => {
    expect(() => parseHumanBytes(s)).toThrow();
  });
  it('splits lines as bufio.Scanner', () => {
    expect(scanLines('a\r\nb\n')).toEqual(['a', 'b']);
    expect(scanLines('a\n\nb')).toEqual(['a', '', 'b']);
    expect(scanLines('')).toEqual([]);
  });
  it('parses the router fixture', () => {
    expect(parseCompressionStats(read('compression_stats')).get('lz4')).toEqual({ compressedBytes: 1299227607, uncompressedBytes: 3081639034 });
    expect(parseErrors(read('errors'))).toEqual(new Map([['bset_bad_csum', 1]]));
    expect(parseCounter(read('counters/data_read'))).toBe(441307889664);
    expect(parseBtreeWriteStats(read('btree_write_stats')).get('journal_reclaim')).toEqual({ count: 1204567, sizeBytes: 612 });
    expect(parseIoDone(read('dev-0/io_done')).get('write')?.get('journal')).toBe(13463715840);
    expect(parseIoErrors(read('dev-0/io_errors'))).toEqual(new Map([['read', 0], ['write', 0], ['checksum', 2]]));
  });
  it('skips short lines and headers, keeps the creation count only', () => {
    expect(parseCompressionStats('header\nlz4: 1k 2k\nshort 1\n')).toEqual(new Map([['lz4', { compressedBytes: 1024, uncompressedBytes: 2048 }]]));
    expect(parseErrors('lonely\nx 11299659571772285102\n')).toEqual(new Map([['x', 11299659571772285102]]));
    expect(parseCounter('since mount: 5\n')).toBe(0);
    expect(parseIoDone('user: 5\nread:\nno colon\nuser : 7\n')).toEqual(new Map([['read', new Map([['user', 7]])]]));
    expect(parseIoErrors('read: 9\nIO errors since filesystem creation\n  read: 1\nIO errors since 2 d ago\n  read: 5\n')).toEqual(new Map([['read', 1]]));
  });
  it.each([
    ['counter without a known line', () => parseCounter('sectors: 5\n')],
    ['counter value', () => parseCounter('since filesystem creation: many\n')],
    ['error count', () => parseErrors('x -1 5\n')],
    ['error time', () => parseErrors('x 1 yesterday\n')],
    ['compression size', () => parseCompressionStats('h\nlz4 1k 2q\n')],
    ['average extent', () => parseCompressionStats('h\nlz4 1k 2k ?\n')],
    ['btree write count', () => parseBtreeWriteStats('h\ninitial: 1k 2k\n')],
    ['io_done value', () => parseIoDone('write:\nuser: 1.5\n')],
    ['io_errors value', () => parseIoErrors('IO errors since filesystem creation\n read: x\n')],
  ])('rejects a bad %s', (_name, f) => {
    expect(f).toThrow();
  });
  it.each([
    ['data_read', 'data_read'],
    ['odd-name.x', 'odd_name_x'],
    ['a__-__b', 'a_b'],
    ['é', '_'],
  ])('sanitises %j', (s, want) => {
    expect(sanitizeMetricName(s)).toBe(want);
  });
});
