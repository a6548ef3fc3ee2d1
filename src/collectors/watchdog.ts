// node_watchdog_* from /sys/class/watchdog (node_exporter's collector/watchdog.go on prometheus/procfs's
// sysfs.WatchdogClass): the hardware watchdog of a router SoC, softdog, iTCO on x86.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { readWatchdog, watchdogNames } from '../kernel/watchdog.ts';
import { classifyReadError } from '../kernel/readErrors.ts';
import { parseWatchdog } from '../sysfs/watchdog.ts';
import type { WatchdogNumber } from '../sysfs/watchdog.ts';

const GAUGES: ReadonlyArray<readonly [WatchdogNumber, string]> = [
  ['bootstatus', 'bootstatus'],
  ['fw_version', 'fw_version'],
  ['nowayout', 'nowayout'],
  ['timeleft', 'timeleft_seconds'],
  ['timeout', 'timeout_seconds'],
  ['pretimeout', 'pretimeout_seconds'],
  ['access_cs0', 'access_cs0'],
];

export const watchdog: CollectorDefinition = {
  name: 'watchdog',
  defaultEnabled: true,
  help: 'Exposes watchdog statistics from /sys/class/watchdog.',
  create: () => ({
    async update(ctx) {
      let wds;
      try {
        const names = watchdogNames(ctx.kernel);
        wds = await Promise.all(names.map(async (n) => parseWatchdog(n, await readWatchdog(ctx.kernel, n, ctx.deadline))));
      } catch (err) {
        // node_exporter: not there or not allowed is no data; anything else fails the collector.
        const kind = classifyReadError(err);
        if (kind === 'missing' || kind === 'permission') throw new NoDataError(`could not read watchdog stats: ${(err as Error).message}`);
        throw err;
      }
      for (const wd of wds) {
        for (const [attr, metric] of GAUGES) {
          const v = wd.numbers[attr];
          if (v !== undefined) ctx.gauge(`node_watchdog_${metric}`, `Value of /sys/class/watchdog/<watchdog>/${attr}`, ['name']).set(v, wd.name);
        }
        const t = wd.texts;
        ctx
          .gauge('node_watchdog_info', 'Info of /sys/class/watchdog/<watchdog>', ['name', 'options', 'identity', 'state', 'status', 'pretimeout_governor'])
          .set(1, wd.name, t.options ?? '', t.identity ?? '', t.state ?? '', t.status ?? '', t.pretimeout_governor ?? '');
      }
    },
  }),
};
