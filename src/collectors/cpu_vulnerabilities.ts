// node_cpu_vulnerabilities_info{codename,state,mitigation} from /sys/devices/system/cpu/vulnerabilities
// (node_exporter's collector/cpu_vulnerabilities_linux.go over procfs's CPUVulnerabilities). The files
// print what the kernel decided at boot (a static string, no driver call): read synchronously.
import type { CollectorDefinition } from '../collector.ts';
import { parseVulnerability } from '../sysfs/cpuVulnerability.ts';

export const cpuVulnerabilities: CollectorDefinition = {
  name: 'cpu_vulnerabilities',
  defaultEnabled: false,
  help: 'Exposes CPU vulnerability information from sysfs.',
  create: () => ({
    async update(ctx) {
      const dir = ctx.kernel.sys('devices', 'system', 'cpu', 'vulnerabilities');
      const family = ctx.gauge(
        'node_cpu_vulnerabilities_info',
        'Details of each CPU vulnerability reported by sysfs. The value of the series is an int encoded state of the vulnerability. The same state is stored as a string in the label',
        ['codename', 'state', 'mitigation'],
      );
      // As procfs's glob, no directory (an old kernel, a non-x86/arm CPU) is no vulnerabilities; an
      // unreadable file fails the collector.
      for (const name of ctx.kernel.listOptionalSync(dir)) {
        const v = parseVulnerability(name, ctx.kernel.readTextSync(ctx.kernel.sys('devices', 'system', 'cpu', 'vulnerabilities', name)));
        family.set(1, v.codename, v.state, v.mitigation);
      }
    },
  }),
};
