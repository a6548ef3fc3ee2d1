import { describe, expect, it } from 'vitest';
import { conformanceAvailable, runConformance } from '../helpers/conformance.ts';
import { conformanceSysfsWithLinks } from './sysfsWithLinks.ts';

// node_exporter's e2e test ran netclass with these two flags (end-to-end-test.sh), and with eth0 as the
// symlink into /sys/devices it is in the kernel (the conformance tree stores links as files).
const FLAGS = ['--collector.netclass.ignore-invalid-speed', '--collector.netclass.ignored-devices=(dmz|int)'];

// Every node_network_* family netclass exports (netdev's counters and netlink's nohandler are not ours).
const FAMILIES =
  'node_network_(up|info|address_assign_type|carrier|carrier_(changes|up_changes|down_changes)_total|device_id|dormant|flags|iface_id|iface_link|iface_link_mode|mtu_bytes|name_assign_type|net_dev_group|speed_bytes|transmit_queue_length|protocol_type)';

describe.skipIf(!conformanceAvailable)('conformance: netclass', () => {
  it('matches every netclass node_network_* sample of node_exporter', async () => {
    const r = await runConformance(['netclass'], FAMILIES, [`--path.sysfs=${conformanceSysfsWithLinks()}`, ...FLAGS]);
    expect(r.ok, r.output).toBe(true);
    expect(r.summary).toMatch(/ 37\/37 expected/);
  });
});
