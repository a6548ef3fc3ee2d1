import { describe, expect, it } from 'vitest';
import { expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { procTree, treeScraper } from './procTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.zfs'];
const Z = 'spl/kstat/zfs';
const HEAD = '7 1 0x01 3 144 6142558601 2876120094355\nname                            type data\n';

describe('zfs collector', () => {
  it('matches the golden exposition on the router fixture (pool "tank" with three datasets)', async () => {
    expectGolden('router/zfs.prom', stable(await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape()));
  });

  it('exports kstats untyped with the kstat path as help, pool io, datasets and state', async () => {
    const text = await fixtureScraper([...machineFlags('router'), ...ONLY]).scrape();
    expect(text).toContain('# HELP node_zfs_arc_hits kstat.zfs.misc.arcstats.hits\n# TYPE node_zfs_arc_hits untyped\nnode_zfs_arc_hits 5732218\n');
    // a signed (type 3) kstat
    expect(samples(text, 'node_zfs_arc_memory_available_bytes')).toEqual(['node_zfs_arc_memory_available_bytes -4915200']);
    expect(samples(text, 'node_zfs_fm_erpt_dropped')).toEqual(['node_zfs_fm_erpt_dropped 0']);
    expect(samples(text, 'node_zfs_zpool_nread')).toEqual(['node_zfs_zpool_nread{zpool="tank"} 27358801920']);
    // in the order of the objset files' names, as node_exporter's glob lists them
    expect(samples(text, 'node_zfs_zpool_dataset_nwritten')).toEqual([
      'node_zfs_zpool_dataset_nwritten{zpool="tank",dataset="tank/media"} 3092250624',
      'node_zfs_zpool_dataset_nwritten{zpool="tank",dataset="tank"} 24576',
      'node_zfs_zpool_dataset_nwritten{zpool="tank",dataset="tank/backup"} 9721344000',
    ]);
    expect(samples(text, 'node_zfs_zpool_state').filter((l) => l.endsWith(' 1'))).toEqual(['node_zfs_zpool_state{zpool="tank",state="online"} 1']);
    expect(samples(text, 'node_zfs_zpool_state')).toHaveLength(7);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="zfs"} 1']);
  });

  it('reports no data (success 0, a debug line only) without the zfs module', async () => {
    const log = recordingLogger();
    const text = await fixtureScraper([...machineFlags('empty'), ...ONLY], log).scrape();
    expect(text).not.toMatch(/^node_zfs_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="zfs"} 0']);
    expect(log.lines.filter((l) => !l.startsWith('debug '))).toEqual([]);
  });

  it('skips kstats this ZFS version lacks, and pools without io or state', async () => {
    const root = procTree({
      [`${Z}/fm`]: `${HEAD}erpt-dropped 4 3\n`,
      [`${Z}/bare/objset-0x36`]: `${HEAD}dataset_name 7 bare\nwrites 4 2\n`,
      [`${Z}/degraded/state`]: 'DEGRADED\n',
    });
    const text = await treeScraper(root, ['zfs']).scrape();
    expect(samples(text, 'node_zfs_fm_erpt_dropped')).toEqual(['node_zfs_fm_erpt_dropped 3']);
    expect(text).not.toMatch(/^node_zfs_arc_/m);
    expect(samples(text, 'node_zfs_zpool_dataset_writes')).toEqual(['node_zfs_zpool_dataset_writes{zpool="bare",dataset="bare"} 2']);
    expect(samples(text, 'node_zfs_zpool_state').filter((l) => l.endsWith(' 1'))).toEqual(['node_zfs_zpool_state{zpool="degraded",state="degraded"} 1']);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="zfs"} 1']);
  });

  it('exports nothing, successfully, when the module is loaded without kstats or pools', async () => {
    const root = procTree({ [`${Z}/.keep`]: '' });
    const text = await treeScraper(root, ['zfs']).scrape();
    expect(text).not.toMatch(/^node_zfs_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual(['node_scrape_collector_success{collector="zfs"} 1']);
  });

  it.each([
    ['a kstat value that is not a number', { [`${Z}/arcstats`]: `${HEAD}hits 4 many\n` }],
    ['a kstat without its header', { [`${Z}/zil`]: 'zil_commit_count 4 1\n' }],
    ['a pool io row shorter than its header', { [`${Z}/tank/io`]: 'nread nwritten reads writes wtime wlentime wupdate rtime rlentime rupdate wcnt rcnt\n1 2 3\n' }],
    ['an objset value that is not a number', { [`${Z}/tank/objset-0x36`]: `${HEAD}dataset_name 7 tank\nwrites 4 -1\n` }],
  ])('fails the scrape of zfs alone on %s', async (_, files) => {
    const root = procTree({ [`${Z}/fm`]: `${HEAD}erpt-dropped 4 3\n`, ...files });
    const text = await treeScraper(root, ['zfs', 'loadavg']).scrape();
    expect(text).not.toMatch(/^node_zfs_/m);
    expect(samples(text, 'node_scrape_collector_success')).toEqual([
      'node_scrape_collector_success{collector="loadavg"} 0',
      'node_scrape_collector_success{collector="zfs"} 0',
    ]);
  });
});
