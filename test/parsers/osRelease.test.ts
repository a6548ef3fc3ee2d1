import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { majorMinorVersion, parseOsRelease, supportEndTimestamp } from '../../src/rootfs/osRelease.ts';
import { CONFORMANCE, FIXTURES } from '../helpers/scrape.ts';

describe('parseOsRelease', () => {
  it('parses OpenWrt 24.10 (router fixture, /etc/os-release -> /usr/lib/os-release)', () => {
    expect(parseOsRelease(readFileSync(join(FIXTURES, 'router/etc/os-release'), 'utf8'))).toEqual({
      name: 'OpenWrt',
      id: 'openwrt',
      idLike: 'lede openwrt',
      prettyName: 'OpenWrt 24.10.2',
      variant: '',
      variantId: '',
      version: '24.10.2',
      versionId: '24.10.2',
      versionCodename: '',
      buildId: 'r28739-d9340319c6',
      imageId: '',
      imageVersion: '',
      supportEnd: '',
    });
  });

  it.skipIf(!existsSync(join(CONFORMANCE, 'usr/lib/os-release')))('parses Ubuntu 20.04 (node_exporter fixture)', () => {
    expect(parseOsRelease(readFileSync(join(CONFORMANCE, 'usr/lib/os-release'), 'utf8'))).toMatchObject({
      name: 'Ubuntu',
      id: 'ubuntu',
      idLike: 'debian',
      version: '20.04.2 LTS (Focal Fossa)',
      versionId: '20.04',
      versionCodename: 'focal',
    });
  });

  it('keeps the other fields when a line is malformed', () => {
    expect(parseOsRelease('NAME="Debian GNU/Linux"\nBROKEN LINE\nID=debian\nSUPPORT_END=2028-06-30\n')).toMatchObject({ name: 'Debian GNU/Linux', id: 'debian', supportEnd: '2028-06-30' });
  });
});

describe('majorMinorVersion', () => {
  it.each([
    ['20.04', 20.04],
    ['24.10.2', 24.1],
    ['12', 12],
    ['7.', 7],
    ['3.18.4', 3.18],
    ['2024.1', 2024.1],
    ['SNAPSHOT', 0],
    ['', 0],
    ['v1.2', 0],
  ])('%j -> %d', (id, v) => {
    expect(majorMinorVersion(id)).toBe(v);
  });
});

describe('supportEndTimestamp', () => {
  it.each([
    ['2028-06-30', 1845936000],
    ['1970-01-01', 0],
    ['2024-02-29', 1709164800],
  ])('%s -> %d', (d, ts) => {
    expect(supportEndTimestamp(d)).toBe(ts);
  });
  it.each(['2023-02-29', '2024-13-01', '2024-00-10', '2024-1-1', '2024-01-01T00:00:00Z', 'never', ''])('refuses %j', (d) => {
    expect(supportEndTimestamp(d)).toBeUndefined();
  });
});
