import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceAvailable } from '../helpers/conformance.ts';
import { CONFORMANCE, expectGolden, fixtureScraper, machineFlags, recordingLogger, samples, stable } from '../helpers/scrape.ts';
import { sysTree, sysTreeFlags } from './sysTree.ts';

const ONLY = ['--collector.disable-defaults', '--collector.nvmesubsystem'];
const success = (text: string): string[] => samples(text, 'node_scrape_collector_success');
const SUBSYS = { subsysnqn: 'nqn.2014-08.org.nvmexpress:uuid:1', model: 'Array', serial: 'SN1', iopolicy: 'numa' };
const subsys = (ctrlState: string): Record<string, string> => ({
  ...Object.fromEntries(Object.entries(SUBSYS).map(([k, v]) => [`class/nvme-subsystem/nvme-subsys2/${k}`, v])),
  'class/nvme-subsystem/nvme-subsys2/nvme4/state': ctrlState,
  'class/nvme-subsystem/nvme-subsys2/nvme4/transport': 'tcp',
  'class/nvme-subsystem/nvme-subsys2/nvme4/address': 'traddr=192.0.2.10,trsvcid=4420',
  'class/nvme-subsystem/nvme-subsys2/nvme2n1/size': '8',
});

describe('nvmesubsystem collector (off by default)', () => {
  it('matches the golden exposition on the router fixture: no data without a multipath kernel (no iopolicy)', async () => {
    const log = recordingLogger();
    const text = stable(await fixtureScraper([...machineFlags('router'), ...ONLY], log).scrape());
    expectGolden('router/nvmesubsystem.prom', text);
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="nvmesubsystem"} 0']);
    expect(log.lines.filter((l) => !l.startsWith('debug'))).toEqual([]);
  });

  it.skipIf(!conformanceAvailable)("gives node_exporter's own test result on its fixture (4 FC paths, one dead)", async () => {
    const text = await fixtureScraper([`--path.sysfs=${join(CONFORMANCE, 'sys')}`, ...ONLY]).scrape();
    expect(samples(text, 'node_nvmesubsystem_paths')).toEqual(['node_nvmesubsystem_paths{subsystem="nvme-subsys0"} 4']);
    expect(samples(text, 'node_nvmesubsystem_paths_live')).toEqual(['node_nvmesubsystem_paths_live{subsystem="nvme-subsys0"} 3']);
    // node_exporter's test also sees namespace nvme0n1: an empty directory in its sys.ttar, which the
    // unpacked shared tree does not have.
    const states = samples(text, 'node_nvmesubsystem_path_state');
    expect(states).toHaveLength(28);
    expect(states.filter((l) => l.endsWith(' 1'))).toEqual([
      'node_nvmesubsystem_path_state{subsystem="nvme-subsys0",controller="nvme0",transport="fc",state="live"} 1',
      'node_nvmesubsystem_path_state{subsystem="nvme-subsys0",controller="nvme1",transport="fc",state="live"} 1',
      'node_nvmesubsystem_path_state{subsystem="nvme-subsys0",controller="nvme2",transport="fc",state="live"} 1',
      'node_nvmesubsystem_path_state{subsystem="nvme-subsys0",controller="nvme3",transport="fc",state="dead"} 1',
    ]);
    expect(samples(text, 'node_nvmesubsystem_info')).toEqual([
      'node_nvmesubsystem_info{subsystem="nvme-subsys0",nqn="nqn.2014-08.org.nvmexpress:uuid:a34c4f3a-0d6f-5cec-dead-beefcafebabe",model="Dell PowerStore",serial="SN12345678",iopolicy="round-robin"} 1',
    ]);
  });

  it.each([
    ['deleting (no IO)', 'deleting'],
    ['', 'unknown'],
    ['resetting', 'resetting'],
    ['weird', 'unknown'],
  ])('maps the controller state %j to %j', async (raw, want) => {
    const text = await fixtureScraper(sysTreeFlags(sysTree(subsys(raw)), ['nvmesubsystem'])).scrape();
    expect(samples(text, 'node_nvmesubsystem_path_state').filter((l) => l.endsWith(' 1'))).toEqual([
      `node_nvmesubsystem_path_state{subsystem="nvme-subsys2",controller="nvme4",transport="tcp",state="${want}"} 1`,
    ]);
    expect(samples(text, 'node_nvmesubsystem_paths_live')).toEqual([`node_nvmesubsystem_paths_live{subsystem="nvme-subsys2"} ${want === 'live' ? 1 : 0}`]);
    expect(samples(text, 'node_nvmesubsystem_namespace_info')).toEqual(['node_nvmesubsystem_namespace_info{subsystem="nvme-subsys2",device="nvme2n1"} 1']);
  });

  it('fails (success 0, logged once) when a controller attribute cannot be read', async () => {
    const log = recordingLogger();
    const nodes = { ...subsys('live'), 'class/nvme-subsystem/nvme-subsys2/nvme4/transport': { dir: true } } as const;
    const text = await fixtureScraper(sysTreeFlags(sysTree(nodes), ['nvmesubsystem']), log).scrape();
    expect(success(text)).toEqual(['node_scrape_collector_success{collector="nvmesubsystem"} 0']);
    expect(log.lines.filter((l) => l.startsWith('error'))).toHaveLength(1);
  });
});
