// node_sysctl_* from /proc/sys (node_exporter's collector/sysctl_linux.go): the sysctls named by the
// repeatable --collector.sysctl.include (numbers: one untyped sample, one per index, or one per named
// field with "name:field1,field2") and --collector.sysctl.include-info (text: node_sysctl_info).
// /proc/sys files are answered by the kernel's sysctl handlers from memory: read synchronously, as
// procfs's SysReadFile does (one read of at most 128 bytes, trimmed).
import type { CollectorDefinition, CollectorContext } from '../collector.ts';
import { isMetricName } from '../families.ts';
import { fields } from '../gostrings.ts';
import { parseSysctlInts } from '../procfs/sysctlValue.ts';

const INCLUDE = 'collector.sysctl.include';
const INCLUDE_INFO = 'collector.sysctl.include-info';

interface Sysctl {
  readonly name: string;
  readonly numeric: boolean;
  /** Field names after "name:", or [] for none. */
  readonly keys: readonly string[];
}

/** "fs.file-nr:total,current,max" -> name and keys, as node_exporter's newSysctl splits it. */
function sysctlSpec(include: string, numeric: boolean): Sysctl {
  const colon = include.indexOf(':');
  if (colon === -1) return { name: include, numeric, keys: [] };
  return { name: include.slice(0, colon), numeric, keys: include.slice(colon + 1).split(',') };
}

/** node_exporter's SanitizeMetricName: each run of other characters (with its underscores) becomes "_". */
function sanitize(name: string): string {
  return name.replace(/_*[^0-9A-Za-z_]+_*/g, '_');
}

function collect(ctx: CollectorContext, s: Sysctl): void {
  const text = ctx.kernel.attrSync(ctx.kernel.proc('sys', ...s.name.split('.')));
  if (text === undefined) throw new Error(`error obtaining sysctl info: cannot read sysctl ${s.name}`);
  const values: readonly (number | string)[] = s.numeric ? parseSysctlInts(text, s.name) : fields(text);
  if (values.length === 0) throw new Error(`sysctl ${s.name} has no values`);
  if (values.length === 1 && s.keys.length > 0) throw new Error(`sysctl ${s.name} has only one value, but expected [${s.keys.join(' ')}]`);
  if (values.length > 1 && s.keys.length > 0 && values.length !== s.keys.length) {
    throw new Error(`sysctl ${s.name} has ${values.length} keys but only ${s.keys.length} defined in f lag`);
  }
  if (!s.numeric) {
    if (s.keys.length > 0) throw new Error('mapped sysctl string values not supported');
    const info = ctx.gauge('node_sysctl_info', 'sysctl info', ['name', 'value', 'index']);
    values.forEach((v, i) => info.set(1, s.name, String(v), String(i)));
    return;
  }
  const base = `node_sysctl_${sanitize(s.name)}`;
  if (values.length === 1) {
    ctx.samples(base, `sysctl ${s.name}`, 'untyped').add(base, {}, values[0] as number);
  } else if (s.keys.length === 0) {
    const family = ctx.samples(base, `sysctl ${s.name}`, 'untyped');
    values.forEach((v, i) => family.add(base, { index: String(i) }, v as number));
  } else {
    values.forEach((v, i) => {
      const name = `${base}_${s.keys[i] as string}`;
      // node_exporter does not sanitize the field names: an unusable one fails the collector.
      if (!isMetricName(name)) throw new Error(`sysctl ${s.name}: field name ${JSON.stringify(s.keys[i])} makes an invalid metric name`);
      ctx.samples(name, `sysctl ${s.name}, field ${i}`, 'untyped').add(name, {}, v as number);
    });
  }
}

export const sysctl: CollectorDefinition = {
  name: 'sysctl',
  defaultEnabled: false,
  help: 'Expose sysctl values from /proc/sys.',
  flags: [
    { name: INCLUDE, type: 'strings', help: 'Select sysctl metrics to include (repeatable).' },
    { name: INCLUDE_INFO, type: 'strings', help: 'Select sysctl metrics to include as info metrics (repeatable).' },
  ],
  create(env) {
    const sysctls = [...env.flags.strings(INCLUDE).map((i) => sysctlSpec(i, true)), ...env.flags.strings(INCLUDE_INFO).map((i) => sysctlSpec(i, false))];
    return {
      async update(ctx) {
        for (const s of sysctls) collect(ctx, s);
      },
    };
  },
};
