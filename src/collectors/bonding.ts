// node_bonding_{slaves,active}{master} from /sys/class/net (node_exporter's collector/bonding_linux.go):
// per bonding interface, its configured slaves and those whose MII link is up.
import type { CollectorDefinition } from '../collector.ts';
import { NoDataError } from '../collector.ts';
import { bondingMasters } from '../kernel/bonding.ts';
import { isNotFound } from '../kernel/readErrors.ts';
import type { BondingMaster } from '../kernel/bonding.ts';
import { isMiiUp } from '../sysfs/bonding.ts';

export const bonding: CollectorDefinition = {
  name: 'bonding',
  defaultEnabled: true,
  help: 'Exposes the number of configured and active slaves of Linux bonding interfaces.',
  create: () => ({
    async update(ctx) {
      let masters: BondingMaster[];
      try {
        masters = bondingMasters(ctx.kernel);
      } catch (err) {
        if (isNotFound(err)) throw new NoDataError('Not collecting bonding, file does not exist');
        throw err;
      }
      const slaves = ctx.gauge('node_bonding_slaves', 'Number of configured slaves per bonding interface.', ['master']);
      const active = ctx.gauge('node_bonding_active', 'Number of active slaves per bonding interface.', ['master']);
      for (const m of masters) {
        // A master or slave that went away between two reads is left out of this scrape (node_exporter
        // fails the collector).
        if (m.slaves === undefined || m.slaves.some((s) => s.miiStatus === undefined)) {
          ctx.log.debug('bonding: skipping a master that changed during the scrape', { master: m.name });
          continue;
        }
        slaves.set(m.slaves.length, m.name);
        active.set(m.slaves.filter((s) => isMiiUp(s.miiStatus as string)).length, m.name);
      }
    },
  }),
};
