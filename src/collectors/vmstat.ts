// node_vmstat_<field> from /proc/vmstat (node_exporter's collector/vmstat_linux.go): untyped samples of
// the fields matching --collector.vmstat.fields.
import type { CollectorDefinition } from '../collector.ts';
import { parseVmstat } from '../procfs/vmstat.ts';

const FIELDS = 'collector.vmstat.fields';

export const vmstat: CollectorDefinition = {
  name: 'vmstat',
  defaultEnabled: true,
  help: 'Exposes statistics from /proc/vmstat.',
  flags: [{ name: FIELDS, type: 'regex', default: '^(oom_kill|pgpg|pswp|pg.*fault).*', help: 'Regexp of fields to return for vmstat collector.' }],
  create(env) {
    // An empty pattern, like Go's regexp.MustCompile(""), selects every field.
    const fields = env.flags.regex(FIELDS);
    return {
      async update(ctx) {
        for (const f of parseVmstat(ctx.kernel.readTextSync(ctx.kernel.proc('vmstat')))) {
          if (fields !== undefined && !fields.test(f.name)) continue;
          const name = `node_vmstat_${f.name}`;
          ctx.samples(name, `/proc/vmstat information field ${f.name}.`, 'untyped').add(name, {}, f.value);
        }
      },
    };
  },
};
